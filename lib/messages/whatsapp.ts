/**
 * WhatsApp click-to-chat links for the messages pages (docs/decisions/0034-messages.md).
 * Named waNumber/waChatLink so they do not clash with lib/kim/whatsapp.ts (the registry's own).
 */

/** An Indonesian phone number as wa.me wants it (62 and digits), or null when it is not one. */
export function waNumber(value: string | null | undefined): string | null {
  if (!value) return null;
  let digits = value.replace(/[^\d+]/g, "");
  if (digits.startsWith("+")) digits = digits.slice(1);
  digits = digits.replace(/\D/g, "");
  if (digits.startsWith("0062")) digits = digits.slice(2);
  if (digits.startsWith("0")) digits = `62${digits.slice(1)}`;
  else if (digits.startsWith("8")) digits = `62${digits}`;
  // 62 + an 8-13 digit subscriber number starting with 8 (mobile) or another area code.
  return /^62[1-9]\d{7,12}$/.test(digits) ? digits : null;
}

/** https://wa.me/62…?text=… with the message written out, or null without a usable number. */
export function waChatLink(phone: string | null | undefined, text: string): string | null {
  const number = waNumber(phone);
  return number ? `https://wa.me/${number}?text=${encodeURIComponent(text)}` : null;
}
