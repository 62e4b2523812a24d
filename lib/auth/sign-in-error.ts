/** The messages the sign-in page may show for its `?error=` parameter (messages/<locale>/signInError.json). */
export type SignInErrorKey = "credentials" | "sessionRequired" | "generic";

// next-auth's own codes that reach /masuk (pages.error); anything else is shown as the generic
// message, never as the text of the link: a crafted link must not put words on our page.
const known: Record<string, SignInErrorKey> = {
  CredentialsSignin: "credentials",
  SessionRequired: "sessionRequired",
};

export function signInErrorKey(code: string | string[] | null | undefined): SignInErrorKey | undefined {
  const value = Array.isArray(code) ? code[0] : code;
  if (!value) return undefined;
  return Object.hasOwn(known, value) ? known[value] : "generic";
}
