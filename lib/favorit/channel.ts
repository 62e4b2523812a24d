import { env } from "@/lib/env";
import { sendMail } from "@/lib/mail/send-mail";
import { normaliseEmail, normalisePhone } from "./identity";

/**
 * How a voter proves who they are: a 6-digit code sent to an address they control. Email is
 * always there; a phone channel (SMS or WhatsApp) only when FAVORIT_SMS_GATEWAY_URL names a
 * gateway. The gateway gets a JSON POST { to, text } and must answer 2xx.
 */
export interface VerificationChannel {
  readonly kind: "email" | "phone";
  /** The comparable identity of what the person typed, or null when it is not one. */
  normalise(input: string): string | null;
  /** Sends the code to the address as typed (the identity may differ: dots and +tags dropped). */
  send(address: string, code: string, editionTitle: string): Promise<void>;
}

const codeText = (code: string, editionTitle: string) =>
  [
    `Kode verifikasi Anda untuk memilih Film Terfavorit di ${editionTitle}: ${code}`,
    "",
    "Kode berlaku 10 menit. Jangan berikan kode ini kepada siapa pun.",
    "Jika Anda tidak meminta kode ini, abaikan email ini.",
    "",
    `Your code to vote for the favourite film of ${editionTitle}: ${code} (valid for 10 minutes).`,
  ].join("\n");

export const emailChannel: VerificationChannel = {
  kind: "email",
  normalise: normaliseEmail,
  async send(address, code, editionTitle) {
    await sendMail({ to: address.trim(), subject: `Kode pilihan Film Terfavorit: ${code}`, text: codeText(code, editionTitle) });
  },
};

export function phoneChannel(gatewayUrl: string): VerificationChannel {
  return {
    kind: "phone",
    normalise: normalisePhone,
    async send(address, code, editionTitle) {
      const to = normalisePhone(address);
      const response = await fetch(gatewayUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ to, text: `Kode Film Terfavorit ${editionTitle}: ${code} (berlaku 10 menit).` }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
    },
  };
}

/** The channels this installation offers: email, and the phone when a gateway is configured. */
export function availableChannels(): VerificationChannel[] {
  const gateway = env().FAVORIT_SMS_GATEWAY_URL;
  return gateway ? [emailChannel, phoneChannel(gateway)] : [emailChannel];
}
