/**
 * Indonesian phone numbers as people write them (0812-3456-7890, +62 812 3456 7890,
 * 62 812..., (0812) 3456 7890, 812 3456 7890) in the one form WhatsApp's click-to-chat
 * links take: country code and digits, nothing else (6281234567890).
 *
 * Only mobile-like numbers are turned into links: after the country code an Indonesian
 * number has 8 to 13 digits. Anything else (a landline written without its area code,
 * letters, a foreign number with another country code) gives null, so no page links to
 * a stranger's WhatsApp by mistake.
 */
export function whatsappNumber(value: string | null | undefined): string | null {
  if (!value) return null;
  const compact = value.trim().replace(/[\s().\-\u00a0/]/g, "");
  if (!/^\+?\d+$/.test(compact)) return null;
  let digits = compact.replace(/^\+/, "");
  if (digits.startsWith("0062")) digits = digits.slice(2);
  if (digits.startsWith("620")) digits = `62${digits.slice(3)}`;
  else if (digits.startsWith("0")) digits = `62${digits.slice(1)}`;
  else if (digits.startsWith("8")) digits = `62${digits}`;
  if (!digits.startsWith("62")) return null;
  const national = digits.slice(2);
  return /^[1-9]\d{7,12}$/.test(national) ? digits : null;
}

/** https://wa.me/62…, with a message written out when given; null when the number is not usable. */
export function whatsappLink(phone: string | null | undefined, text?: string): string | null {
  const number = whatsappNumber(phone);
  if (!number) return null;
  return text ? `https://wa.me/${number}?text=${encodeURIComponent(text)}` : `https://wa.me/${number}`;
}
