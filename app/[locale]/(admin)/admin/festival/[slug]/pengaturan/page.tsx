import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/layout/page-title";
import { ImportEditionForm } from "@/components/admin/edition-create-forms";
import { CategoriesForm, RubricForm } from "@/components/admin/edition-rows-forms";
import { RulesForm } from "@/components/admin/edition-rules-form";
import { DatesForm, ExtendEditionForm, ExtendKimForm, IdentityForm, JudgingForm, StatusStepForm } from "@/components/admin/edition-settings-forms";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { toWibInput } from "@/lib/editions/edition-schemas";
import { getEditionSetup, type EditionSetup } from "@/lib/editions/get-edition-setup";
import { AppError } from "@/lib/errors";
import { formatBytes } from "@/lib/format/bytes";
import { formatWib } from "@/lib/format/dates";
import { formatDuration } from "@/lib/format/duration";
import { translateMessage } from "@/lib/i18n/translate-message";
import { codecLabel } from "@/lib/video/label-media";
import { IntakeForm } from "@/components/nominations/nomination-forms";
import { editionIntake } from "@/lib/nominations/rules";

export const metadata: Metadata = { title: "Pengaturan edisi" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

const GB = 1024 ** 3;
const MB = 1024 ** 2;
const trimNumber = (n: number) => String(Math.round(n * 100) / 100);

/** Every setting of one edition, each section saved on its own, and the next step of its lifecycle. */
export default async function EditionSettingsPage({ params }: Props) {
  const { slug } = await params;
  const actor = await requirePageActor(["organiser"], `/admin/festival/${slug}/pengaturan`);
  const setup = await getEditionSetup(getDb(), actor, slug).catch((error: unknown) => {
    if (error instanceof AppError) notFound();
    throw error;
  });
  const [t, ts, tn, locale] = await Promise.all([getTranslations("pengaturan"), getTranslations("status"), getTranslations("nominations.intake"), getLocale()]);
  const { edition, rules, settings } = setup;
  const sealed = edition.status === "disegel" || edition.status === "diumumkan";
  const rulesOpen = edition.status === "draf" || edition.status === "pendaftaran";
  const sections = [
    ["status", t("status.title")],
    ["identitas", t("identity.title")],
    ["tanggal", t("dates.title")],
    ...(edition.status === "pendaftaran" ? [["perpanjangan", t("extend.title")]] : []),
    ["aturan", t("rules.title")],
    ...(edition.level === "provinsi" ? [["penerimaan", tn("title")]] : []),
    ["kategori", t("categories.title")],
    ["rubrik", t("rubric.title")],
    ["penjurian", t("judging.title")],
    ["berkas", t("transfer.title")],
  ];

  return (
    <div className="space-y-6">
      <PageTitle title={t("title")} subtitle={`${edition.title} · ${ts(edition.status)}`} />
      <nav aria-label={t("sectionsNav")} className="card">
        <ul className="flex flex-wrap gap-x-4 gap-y-2 text-sm">
          {sections.map(([id, label]) => (
            <li key={id}>
              <a href={`#${id}`}>{label}</a>
            </li>
          ))}
        </ul>
      </nav>

      <StatusSection setup={setup} t={t} locale={locale} />

      <section id="identitas" aria-labelledby="h-identitas" className="card space-y-3">
        <h2 id="h-identitas" className="text-lg font-semibold">
          {t("identity.title")}
        </h2>
        <IdentityForm
          edition={edition.slug}
          values={{ title: edition.title, slug: edition.slug, theme: edition.theme ?? "", description: edition.description ?? "", year: edition.year ? String(edition.year) : "", regionCode: edition.regionCode }}
          regions={setup.regionChoices}
          regionLocked={setup.entries > 0}
          slugLocked={edition.status !== "draf"}
        />
      </section>

      <section id="tanggal" aria-labelledby="h-tanggal" className="card space-y-3">
        <h2 id="h-tanggal" className="text-lg font-semibold">
          {t("dates.title")}
        </h2>
        <p className="text-sm text-muted">{t("dates.intro")}</p>
        {sealed ? (
          <>
            <p>{t("dates.sealed")}</p>
            <DateList setup={setup} t={t} locale={locale} />
          </>
        ) : (
          <DatesForm
            edition={edition.slug}
            entryDatesLocked={edition.status !== "draf"}
            values={{
              submissionOpensAt: toWibInput(edition.submissionOpensAt),
              submissionClosesAt: toWibInput(edition.submissionClosesAt),
              judgingClosesAt: toWibInput(edition.judgingClosesAt),
              announceAt: toWibInput(edition.announceAt),
              uploadGraceMinutes: String(rules.uploadGraceMinutes),
            }}
          />
        )}
      </section>

      {edition.status === "pendaftaran" && (
        <section id="perpanjangan" aria-labelledby="h-perpanjangan" className="card space-y-4">
          <h2 id="h-perpanjangan" className="text-lg font-semibold">
            {t("extend.title")}
          </h2>
          <p className="text-sm text-muted">{t("extend.intro", { close: formatWib(edition.submissionClosesAt, locale) })}</p>
          <div className="space-y-2">
            <h3 className="font-semibold">{t("extend.editionTitle")}</h3>
            <ExtendEditionForm edition={edition.slug} current={toWibInput(edition.submissionClosesAt)} />
          </div>
          <div className="space-y-2 border-t border-line pt-4">
            <h3 className="font-semibold">{t("extend.kimTitle")}</h3>
            {setup.eligibleKims.length ? <ExtendKimForm edition={edition.slug} current={toWibInput(edition.submissionClosesAt)} kims={setup.eligibleKims} /> : <p>{t("extend.noKims")}</p>}
          </div>
          <div className="space-y-2 border-t border-line pt-4">
            <h3 className="font-semibold">{t("extend.listTitle")}</h3>
            {setup.extensions.length === 0 ? (
              <p className="text-muted">{t("extend.none")}</p>
            ) : (
              <ul className="divide-y divide-line" data-testid="extensions">
                {setup.extensions.map((x) => (
                  <li key={x.kimId} className="py-2">
                    <p className="font-medium">{t("extend.line", { kim: x.kimName, date: formatWib(x.closesAt, locale) })}</p>
                    <p className="text-sm text-muted">{t("extend.lineMeta", { reason: x.reason, by: x.createdBy, date: formatWib(x.createdAt, locale) })}</p>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </section>
      )}

      <section id="aturan" aria-labelledby="h-aturan" className="card space-y-3">
        <h2 id="h-aturan" className="text-lg font-semibold">
          {t("rules.title")}
        </h2>
        {rulesOpen ? (
          <>
            <p className="text-sm text-muted">{setup.entries > 0 ? t("rules.introEntries", { count: setup.entries }) : t("rules.intro")}</p>
            <RulesForm
              edition={edition.slug}
              filmsLimit={10}
              storageUsed={formatBytes(setup.storageUsedBytes)}
              values={{
                maxDurationMinutes: String(Math.floor(rules.maxDurationSeconds / 60)),
                maxDurationSeconds: String(rules.maxDurationSeconds % 60),
                minHeight: String(rules.minHeight),
                maxFileSize: rules.maxFileBytes >= GB ? trimNumber(rules.maxFileBytes / GB) : trimNumber(rules.maxFileBytes / MB),
                maxFileUnit: rules.maxFileBytes >= GB ? "GB" : "MB",
                containers: rules.containers,
                videoCodecs: rules.videoCodecs,
                filmsPerKim: String(rules.filmsPerKim),
                storageBudgetGb: rules.storageBudgetBytes === undefined ? "" : trimNumber(rules.storageBudgetBytes / GB),
                subtitles: rules.subtitles,
                eligibleKims: rules.eligibleKims,
                text: rules.text ?? "",
              }}
            />
          </>
        ) : (
          <>
            <p>{t("rules.locked")}</p>
            <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
              <dt className="font-medium">{t("rules.maxDuration")}</dt>
              <dd>{formatDuration(rules.maxDurationSeconds)}</dd>
              <dt className="font-medium">{t("rules.minHeight")}</dt>
              <dd>{rules.minHeight}p</dd>
              <dt className="font-medium">{t("rules.maxFileSize")}</dt>
              <dd>{formatBytes(rules.maxFileBytes)}</dd>
              <dt className="font-medium">{t("rules.containers")}</dt>
              <dd>{rules.containers.join(", ").toUpperCase()}</dd>
              <dt className="font-medium">{t("rules.videoCodecs")}</dt>
              <dd>{rules.videoCodecs.map(codecLabel).join(", ")}</dd>
              <dt className="font-medium">{t("rules.filmsPerKim")}</dt>
              <dd>{rules.filmsPerKim}</dd>
              <dt className="font-medium">{t("rules.storageBudget")}</dt>
              <dd>
                {rules.storageBudgetBytes === undefined ? t("rules.storageBudgetNone") : formatBytes(rules.storageBudgetBytes)} · {t("rules.storageUsed", { used: formatBytes(setup.storageUsedBytes) })}
              </dd>
              <dt className="font-medium">{t("rules.subtitles")}</dt>
              <dd>{t(`rules.subtitles_${rules.subtitles}`)}</dd>
            </dl>
          </>
        )}
      </section>

      {edition.level === "provinsi" && (
        <section id="penerimaan" aria-labelledby="h-penerimaan" className="card space-y-3">
          <h2 id="h-penerimaan" className="text-lg font-semibold">
            {tn("title")}
          </h2>
          <p className="text-sm text-muted">{tn("intro")}</p>
          {sealed ? (
            <p>{tn(`mode_${editionIntake(edition.intake).mode}`)}</p>
          ) : (
            <IntakeForm
              edition={edition.slug}
              values={{ mode: editionIntake(edition.intake).mode, quotaKind: editionIntake(edition.intake).quotaKind, quotaPerRegency: String(editionIntake(edition.intake).quotaPerRegency) }}
            />
          )}
        </section>
      )}

      <section id="kategori" aria-labelledby="h-kategori" className="card space-y-3">
        <h2 id="h-kategori" className="text-lg font-semibold">
          {t("categories.title")}
        </h2>
        {sealed ? (
          <>
            <p>{t("categories.sealed")}</p>
            <ul className="list-disc pl-5">
              {setup.categories.map((c) => (
                <li key={c.id}>{c.name}</li>
              ))}
            </ul>
          </>
        ) : (
          <>
            <p className="text-sm text-muted">{t("categories.intro")}</p>
            <CategoriesForm
              edition={edition.slug}
              defaults={settings.placements}
              rows={setup.categories.map((c) => ({ id: c.id, name: c.name, description: c.description ?? "", juara: c.juara === null ? "" : String(c.juara), harapan: c.harapan === null ? "" : String(c.harapan), films: c.films }))}
            />
          </>
        )}
      </section>

      <section id="rubrik" aria-labelledby="h-rubrik" className="card space-y-3">
        <h2 id="h-rubrik" className="text-lg font-semibold">
          {t("rubric.title")}
        </h2>
        {setup.rubricLockedAt ? (
          <>
            <p className="rounded-md border border-amber-300 bg-amber-50 p-3" data-testid="rubric-locked">
              {t("rubric.locked", { date: formatWib(setup.rubricLockedAt, locale) })}
            </p>
            <RubricTable setup={setup} t={t} />
          </>
        ) : (
          <>
            <p className="text-sm text-muted">{t("rubric.intro")}</p>
            <RubricForm
              edition={edition.slug}
              rows={setup.criteria.map((c) => ({ id: c.id, name: c.name, description: c.description ?? "", weight: trimNumber(c.weight), minScore: trimNumber(c.minScore), maxScore: trimNumber(c.maxScore) }))}
            />
          </>
        )}
      </section>

      <section id="penjurian" aria-labelledby="h-penjurian" className="card space-y-3">
        <h2 id="h-penjurian" className="text-lg font-semibold">
          {t("judging.title")}
        </h2>
        <p className="text-sm text-muted">{sealed ? t("judging.sealed") : t("judging.intro")}</p>
        <JudgingForm
          edition={edition.slug}
          criteria={setup.criteria.map((c) => ({ id: c.id, name: c.name }))}
          values={{ ...settings, juara: settings.placements.juara, harapan: settings.placements.harapan, tieBreak: settings.tieBreak ?? [] }}
        />
      </section>

      <section id="berkas" aria-labelledby="h-berkas" className="card space-y-3">
        <h2 id="h-berkas" className="text-lg font-semibold">
          {t("transfer.title")}
        </h2>
        <p className="text-sm text-muted">{t("transfer.intro")}</p>
        <p>
          <a className="btn-quiet" href={`/api/admin/festival/${edition.slug}/pengaturan`} download>
            {t("transfer.download")}
          </a>
        </p>
        <h3 className="font-semibold">{t("transfer.importTitle")}</h3>
        <p className="text-sm text-muted">{t("transfer.importIntro")}</p>
        <ImportEditionForm id="settings-import" />
      </section>
    </div>
  );
}

type T = Awaited<ReturnType<typeof getTranslations<"pengaturan">>>;

function StatusSection({ setup, t, locale }: { setup: EditionSetup; t: T; locale: string }) {
  const { edition } = setup;
  const base = `/admin/festival/${edition.slug}`;
  const now = new Date();
  const judgingMayStart = setup.entriesEndAt !== null && setup.entriesEndAt <= now;
  return (
    <section id="status" aria-labelledby="h-status" className="card space-y-3" data-testid="edition-status">
      <h2 id="h-status" className="text-lg font-semibold">
        {t("status.title")}
      </h2>
      <p>
        <span className="badge bg-gray-100">{t(`status.now_${edition.status}`)}</span>
      </p>
      {edition.status === "draf" && (
        <>
          <p>{t("status.draf")}</p>
          {setup.missing.length ? (
            <div className="rounded-md border border-amber-300 bg-amber-50 p-3">
              <h3 className="font-semibold">{t("status.missingTitle")}</h3>
              <ul className="list-disc pl-5" data-testid="missing">
                {setup.missing.map((m) => (
                  <li key={m.key}>{capitalise(translateMessage(m.message, locale))}</li>
                ))}
              </ul>
            </div>
          ) : (
            <>
              <p>{t("status.readyToOpen")}</p>
              <StatusStepForm edition={edition.slug} to="pendaftaran" confirm={t("status.confirmOpen")} submit={t("status.open")} />
            </>
          )}
        </>
      )}
      {edition.status === "pendaftaran" && (
        <>
          <p>{t("status.pendaftaran", { close: formatWib(edition.submissionClosesAt, locale), end: formatWib(setup.entriesEndAt, locale) })}</p>
          {judgingMayStart ? (
            <StatusStepForm edition={edition.slug} to="penjurian" confirm={t("status.confirmJudging")} submit={t("status.startJudging")} />
          ) : (
            <p className="text-sm text-muted">{t("status.judgingLater", { date: formatWib(setup.entriesEndAt, locale) })}</p>
          )}
          <div className="border-t border-line pt-3">
            {setup.entries === 0 ? (
              <StatusStepForm edition={edition.slug} to="draf" confirm={t("status.confirmDraft")} submit={t("status.backToDraft")} />
            ) : (
              <p className="text-sm text-muted">{t("status.noDraft", { count: setup.entries })}</p>
            )}
          </div>
        </>
      )}
      {edition.status === "penjurian" && (
        <p>
          {t("status.penjurian", { date: formatWib(edition.judgingClosesAt, locale) })} <Link href={`${base}/hasil`}>{t("status.toResults")}</Link> · <Link href={`${base}/penjurian`}>{t("status.toJudging")}</Link>
        </p>
      )}
      {edition.status === "disegel" && (
        <p>
          {t("status.disegel")} <Link href={`${base}/hasil`}>{t("status.toResults")}</Link>
        </p>
      )}
      {edition.status === "diumumkan" && (
        <p>
          {t("status.diumumkan", { date: formatWib(edition.publishedAt, locale) })} <Link href={`/festival/${edition.slug}`}>{t("status.toPublic")}</Link>
        </p>
      )}
    </section>
  );
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function DateList({ setup, t, locale }: { setup: EditionSetup; t: T; locale: string }) {
  const { edition } = setup;
  return (
    <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
      {(["submissionOpensAt", "submissionClosesAt", "judgingClosesAt", "announceAt"] as const).map((name) => (
        <div key={name} className="contents">
          <dt className="font-medium">{t(`dates.${name}`)}</dt>
          <dd>{formatWib(edition[name], locale)}</dd>
        </div>
      ))}
    </dl>
  );
}

function RubricTable({ setup, t }: { setup: EditionSetup; t: T }) {
  return (
    <ul className="divide-y divide-line">
      {setup.criteria.map((c) => (
        <li key={c.id} className="py-2">
          <p className="font-medium">{c.name}</p>
          {c.description && <p className="text-sm text-muted">{c.description}</p>}
          <p className="text-sm">{t("rubric.line", { weight: trimNumber(c.weight), min: trimNumber(c.minScore), max: trimNumber(c.maxScore) })}</p>
        </li>
      ))}
    </ul>
  );
}
