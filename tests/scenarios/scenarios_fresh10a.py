#!/usr/bin/env python3
"""Seven library scenarios in November 2030 and February 2031, in the token-billing, webhook and
metadata patterns, written before the engine ran on them, each truth naming the refs a careful
engineer cites with the cause (the invoice beside the deploy or the filed bug, the endpoint beside
the docs page, the SDK version beside the issue or the page it runs into):

- a São Paulo on-call engineer whose reconciliation, kept in Brasília days, finds yesterday's
  invoice some 8 M tokens short: the evening reprocessing ran after 21:00 BRT, on the next UTC
  day, which the invoices page says is the day billed (expected behaviour; Stripe customer carries
  the org under a non-default metadata key, beside a namesake without metadata);
- our usage-mapper deploy that adds Gemini's per-modality breakdown to the prompt count, so from
  03:20 UTC the input meter counts every Gemini request twice, the other two lines right
  (Singapore, the customer guesses the cache discount; Stripe customer by e-mail domain);
- a usage page that shows more than the invoice because of a filed usage-page bug counting
  streamed completions twice; the invoice equals the logs (Brussels, French, a time-zone theory);
- a signature-header deploy that every verifying endpoint answers 401, beside the customer's own
  retired v1 endpoint answering 410 since the day before (two causes, Mexico City, Spanish);
- a receiver that answers 308 after the customer's CDN move, which the delivery page says is a
  failed delivery (JST, a stale subject, an HTTP/2 deploy of ours twenty minutes before);
- metadata lost only on portkey-node 2.15.0, whose base64 header the gateway cannot decode yet,
  filed in Linear (Sydney, AEDT);
- metadata sent by a hand-written HTTP client in an `x-relay-metadata` header, which the metadata
  page says is not read (Zürich, German, blames our filter-chips deploy).

Time zones: November 2030 after the US went back to standard time on 3 November (Mexico City
UTC-6 all year, Brussels CET UTC+1 since 27 October, Singapore UTC+8). February 2031: São Paulo
UTC-3 (no summer time), Tokyo UTC+9, Sydney on summer time (AEDT, UTC+11), Zürich CET (UTC+1).

Every truth below is read from the data declared next to it (meters and their faults, webhook
failures, anomalies, deploys, releases, issues, incidents, docs). Run it to rewrite the JSON
files."""
from compose import *  # noqa: F401,F403
from scenarios_fresh import cycle, failures, hooks
from scenarios_fresh3a import jira_issue
from scenarios_fresh4a import meter

CO = {"name": "Relay AI", "github_repo": "relay-ai/gateway"}

PAGES.setdefault("google", ("gq4k8m2n6p0r", "Google AI Studio and Gemini API", "https://aistudio.google.com/status",
                            ["Gemini API", "Google AI Studio", "Imagen API"]))


def single_meter(invoices, faults=()):
    return {"meter": "llm_tokens", "unit": "tokens", "counts": ["prompt_tokens", "completion_tokens"],
            "cached_tokens": "excluded", "unit_amount_decimal": "0.0002", "invoices": invoices,
            "faults": list(faults)}


DOC_INVOICE_DAYS = doc("docs/billing/invoices.md", "Invoices",
                       "# Invoices\n\nUsage is invoiced per **UTC day** (00:00 to 24:00 UTC), whatever the time "
                       "zone of your organisation. The metered quantity is the day's `prompt_tokens - "
                       "cached_tokens + completion_tokens` and equals the request logs' totals for the same UTC "
                       "day.\n\n## Local days\n\nThe usage page and your own records may count days in your "
                       "local time zone (Settings → Preferences → Time zone). A local day and the invoice's "
                       "UTC day then differ by the usage between the two midnights: for an organisation at "
                       "UTC-3, usage after 21:00 local time is billed on the next day's invoice, and usage "
                       "between 21:00 and 24:00 local time of the day before is on this one. Nothing is lost "
                       "or billed twice.\n")


def billing_utc_day_reprocessing_pt():
    """The customer's ledger counts Brasília days; the evening reprocessing ran after 21:00 BRT,
    which is already the next UTC day, so the UTC-day invoice is short of the local day by it."""
    D, now = "2031-02-10", "2031-02-11T05:00:00Z"
    a = org("org_jabuti", "Jabuti Pagamentos", "jabutipag.com.br", "enterprise")
    b = org("org_tucunare", "Tucunaré Seguros", "tucunare.com.br", "scale")
    c = org("org_pequi", "Pequi Apps", "pequiapps.com", "growth")
    gh = github(CO, 45101, "2031-02-10T00:00:00Z", now, 16)
    her = gh.deploy(45141, "2031-02-10T23:46:00Z", "metering: retry meter events on Stripe 429",
                    ["src/billing/meter-client.ts", "src/billing/meter-client.test.ts"])
    pd = [pd_incident("PMTR0211", 10211, "Stripe meter events delayed more than 10 minutes",
                      "2031-02-11T00:08:00Z", "2031-02-11T00:41:00Z", "Billing meters")]
    lin = [linear_issue("GW-6350", "Usage CSV export ignores the organisation's time-zone preference",
                        "The usage page honours Settings → Preferences → Time zone, the CSV export always "
                        "uses UTC days. Invoices are unaffected.", "2031-01-28T10:00:00Z", state="Todo",
                        labels=("bug", "usage-ui"))]
    # Jabuti: an anti-fraud scorer (gpt-4.1-mini, Brazilian business hours 11:00-23:00 UTC, night at
    # 30%), a support assistant on Claude Haiku (both with a 3% background error rate), and a small
    # reconciliation service (pc-jabuti-conciliacao, gpt-4.1, 2 requests a minute). From 00:30 to
    # 02:30 UTC on 11 February, 21:30-23:30 on Monday 10 February in São Paulo (UTC-3, no summer
    # time), the reconciliation service runs a month reprocessing at ten times its volume (about
    # 8 M tokens above its usual two hours). One meter (prompt + completion, no caching), no fault.
    # The invoice in_1Jabuti0210 covers the UTC day 10 February and equals the logs of that UTC day;
    # the reprocessing is on 11 February UTC, so the customer's Brasília-day ledger (03:00 UTC on the
    # 10th to 03:00 UTC on the 11th) is above the invoice by about it. The invoices page states the
    # UTC day and this exact offset. The meter-delay page (00:08-00:41, after the invoiced day,
    # delayed not lost), the meter retry deploy at 23:46 and the CSV time-zone bug are bystanders.
    # The Stripe customer has no org_id: its metadata key is relay_workspace, its e-mail in the
    # org's domain; "Jabuti Games" is a namesake without metadata.
    streams = [cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=18, p50=600, p95=1500, prompt=1100,
                            completion=150, error_rate=0.03, config_id="pc-jabuti-antifraude", key="vk-jabuti-core",
                            sdk="portkey-python/1.27.0", metadata={"produto": "pix"}), 11, 23, 0.3),
               stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=8, p50=500, p95=1200,
                      prompt=1500, completion=250, error_rate=0.03, config_id="pc-jabuti-atendimento",
                      key="vk-jabuti-web", sdk="portkey-node/2.14.2"),
               stream(a["id"], model="gpt-4.1", per_minute=2, p50=1800, p95=4200, prompt=3000, completion=700,
                      config_id="pc-jabuti-conciliacao", key="vk-jabuti-batch", sdk="portkey-python/1.27.0"),
               stream(b["id"], model="gpt-4.1-mini", per_minute=10, p50=600, p95=1500, config_id="pc-tucunare-sinistros"),
               stream(c["id"], per_minute=4, config_id="pc-pequi-app")]
    an = [volume("2031-02-11T00:30:00Z", "2031-02-11T02:30:00Z", {"config_id": "pc-jabuti-conciliacao"}, 10.0)]
    cfg = [one_target("pc-jabuti-antifraude", a, "antifraude", "vk-jabuti-openai", "gpt-4.1-mini", 20000),
           one_target("pc-jabuti-atendimento", a, "atendimento", "vk-jabuti-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-jabuti-conciliacao", a, "conciliacao", "vk-jabuti-openai", "gpt-4.1", 60000),
           one_target("pc-tucunare-sinistros", b, "sinistros", "vk-tucunare-openai", "gpt-4.1-mini", 30000),
           one_target("pc-pequi-app", c, "app", "vk-pequi-openai", "gpt-4o", 30000)]
    bill = single_meter([{"id": "in_1Jabuti0210", "org": a["id"], "status": "open", "from": at(D, "00:00"),
                          "to": "2031-02-11T00:00:00Z"}])
    namesake = {"id": "cus_JabutiGames", "object": "customer", "email": "contas@jabutigames.com.br",
                "name": "Jabuti Games Ltda", "created": 1704067200, "currency": "brl", "delinquent": False,
                "livemode": False, "metadata": {}}
    cus = [customer(a, "financeiro", metadata_key="relay_workspace"), customer(b), customer(c), namesake]
    t = [ticket(45101, a, "Fatura de segunda com menos tokens que o nosso controle",
                "Boa noite (ou bom dia, já passou da 1h aqui rs)\n\nEstou de plantão no fechamento e a nossa "
                "conciliação diária acusou diferença com a fatura de vocês de segunda-feira, dia 10. No nosso "
                "controle interno (horário de Brasília) o dia 10 fechou com uns 8 milhões de tokens a mais do "
                "que a fatura mostra.\n\nOntem à noite, entre 21h30 e 23h30, rodamos o reprocessamento do mês "
                "no serviço de conciliação, e me parece que foi justamente esse consumo que sumiu. Notei também "
                "que o painel de uso de vocês demorou pra atualizar perto das 21h, então imagino que vocês "
                "tiveram alguma instabilidade e perderam eventos.\n\nPerguntas: esse consumo foi perdido? Vai "
                "ser cobrado depois em dobro? Preciso de uma resposta pro financeiro antes das 9h.\n\n"
                "Obrigado,\nThiago Nascimento\nEngenharia de Plataforma · Jabuti Pagamentos",
                "2031-02-11T04:50:00Z", "Thiago Nascimento", priority="high")]
    # The invoice equals its UTC day; the gap is the reprocessing after 21:00 BRT, billed on the
    # 11th, as the invoices page says: expected behaviour, cited with the invoice and the page.
    return scenario("", "token-billing-utc-day-evening-reprocessing-portuguese",
                    "Brazilian Portuguese ticket from an on-call engineer (01:50 in São Paulo, UTC-3, no summer time) "
                    "whose Brasília-day ledger finds the invoice of 10 February some 8 M tokens short and suspects "
                    "lost meter events: the reconciliation service's reprocessing ran 00:30-02:30 UTC on 11 February "
                    "(21:30-23:30 BRT on the 10th), on the next UTC day, and in_1Jabuti0210 equals the logs of its "
                    "UTC day as the invoices page states (expected_behavior). The Stripe customer carries the org under "
                    "a non-default metadata key beside a namesake. A meter-delay page after the day, a meter retry "
                    "deploy at 23:46 and a CSV time-zone bug are bystanders among 16 routine deploys.",
                    now, CO, [a, b, c], "2031-02-10T00:00:00Z", 45101, streams, an, t,
                    {45101: truth("token-billing", "expected_behavior",
                                  ["stripe:invoice:in_1Jabuti0210", "docs:docs/billing/invoices.md"],
                                  ["pagerduty:incident:PMTR0211", f"github:deployment:{her}", "linear:issue:GW-6350",
                                   "stripe:customer:cus_JabutiGames"], ["in_1Jabuti0210", "UTC"])},
                    github=gh, configs=cfg, billing=bill, linear=lin, pagerduty=pd, stripe_customers=cus,
                    docs=[DOC_INVOICE_DAYS])


DOC_THREE_METERS = doc("docs/billing/token-meters.md", "How tokens are invoiced",
                       "# How tokens are invoiced\n\nEvery daily invoice (UTC day) has three usage lines. **Input "
                       "tokens** counts the prompt tokens of every request minus the tokens the provider read from "
                       "its prompt cache. **Output tokens** counts completion tokens. **Cached input tokens** counts "
                       "the cache reads, at 10% of the input price. Each line is summed from the meter events we "
                       "send to Stripe and equals the request logs of the same UTC day, for every provider.\n")


def billing_gemini_input_doubled_deploy_en():
    """Our usage-mapper deploy adds Gemini's per-modality prompt breakdown on top of the prompt
    total: from 03:20 UTC the input meter counts every Gemini request's prompt twice, every org's;
    output and cached lines are right."""
    D, now = "2030-11-06", "2030-11-07T05:00:00Z"
    a = org("org_kopi", "Kopi Labs", "kopilabs.sg", "scale")
    b = org("org_rambutan", "Rambutan Retail", "rambutanretail.my", "enterprise")
    c = org("org_pandan", "Pandan Studio", "pandan.studio", "growth")
    gh = github(CO, 45201, "2030-11-06T00:00:00Z", now, 18)
    bad = gh.deploy(45240, at(D, "03:18"), "usage: read Gemini usageMetadata per modality",
                    ["src/billing/usage/google.ts", "src/billing/usage/google.test.ts"],
                    message="usage/google: add promptTokensDetails (per modality) to the input count (#6211)")
    pdf = gh.deploy(45241, at(D, "01:05"), "invoices: SGD and MYR amounts on PDF invoices",
                    ["src/billing/invoice-pdf.ts", "src/billing/fx.ts"])
    sp = Statuspage(now)
    pro = sp.incident("google", "g2p5r7o9l1a3", "Elevated latency for Gemini 2.5 Pro", at(D, "08:00"), at(D, "09:10"),
                      "Some Gemini 2.5 Pro requests are slower than usual.", component="Gemini API", impact="minor")
    lin = [linear_issue("GW-6105", "Usage page: cached tokens column empty for Gemini requests",
                        "The usage page shows 0 cached tokens for Gemini; request logs and meters are right.",
                        "2030-10-29T10:00:00Z", state="Todo", labels=("bug", "usage-ui", "provider:google"))]
    # Kopi: a helpdesk assistant on gemini-2.5-flash (14 a minute, 1,800 prompt tokens, no cache), a
    # document extractor on gpt-4.1-mini with 40% of its prompt read from cache, a triage classifier
    # on Claude Haiku. Three meters. Deploy #45240 at 03:18 UTC (11:18 in Singapore) adds Gemini's
    # per-modality breakdown to the prompt total: from 03:20 the Input tokens meter counts every
    # Gemini request's prompt tokens twice (Rambutan's gemini-2.5-pro too). Kopi's invoice of 6
    # November (UTC day) has its Input line above the logs by the gemini-2.5-flash prompt tokens
    # after 03:20; the Output and Cached input lines equal the logs, so the cache discount (the
    # customer's theory) is applied. The PDF deploy at 01:05, the Gemini 2.5 Pro latency incident
    # and the usage-page bug are bystanders. Stripe customer: no org_id, e-mail in the domain.
    streams = [stream(a["id"], provider="google", model="gemini-2.5-flash", per_minute=14, p50=900, p95=2200,
                      prompt=1800, completion=300, config_id="pc-kopi-helpdesk", key="vk-kopi-support",
                      sdk="portkey-node/2.14.2", metadata={"channel": "helpdesk"}),
               stream(a["id"], model="gpt-4.1-mini", per_minute=10, p50=700, p95=1700, prompt=2500, completion=400,
                      cached=0.4, config_id="pc-kopi-extract", key="vk-kopi-ops", sdk="portkey-python/1.27.0"),
               stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=5, p50=500, p95=1200,
                      prompt=1200, completion=150, config_id="pc-kopi-triage", key="vk-kopi-support",
                      sdk="portkey-node/2.14.2"),
               stream(b["id"], provider="google", model="gemini-2.5-pro", per_minute=8, p50=2500, p95=6000,
                      prompt=3000, completion=600, error_rate=0.03, config_id="pc-rambutan-catalog"),
               stream(b["id"], model="gpt-4.1", per_minute=10, p50=1300, p95=3000, error_rate=0.03,
                      config_id="pc-rambutan-search"),
               stream(c["id"], model="gpt-4.1-mini", per_minute=4, p50=600, p95=1500, config_id="pc-pandan-captions")]
    cfg = [one_target("pc-kopi-helpdesk", a, "helpdesk", "vk-kopi-google", "gemini-2.5-flash", 30000),
           one_target("pc-kopi-extract", a, "extract", "vk-kopi-openai", "gpt-4.1-mini", 30000),
           one_target("pc-kopi-triage", a, "triage", "vk-kopi-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-rambutan-catalog", b, "catalog", "vk-rambutan-google", "gemini-2.5-pro", 60000),
           one_target("pc-rambutan-search", b, "search", "vk-rambutan-openai", "gpt-4.1", 60000),
           one_target("pc-pandan-captions", c, "captions", "vk-pandan-openai", "gpt-4.1-mini", 30000)]
    bill = {"meter": "llm_input_tokens", "unit": "tokens", "counts": ["prompt_tokens"], "cached_tokens": "excluded",
            "unit_amount_decimal": "0.0002", "faults": [],
            "meters": [meter("llm_input_tokens", "Input tokens", ["prompt_tokens"], amount="0.0002",
                             faults=[{"kind": "double_count", "from": at(D, "03:20"), "to": None,
                                      "match": {"provider": "google"}}]),
                       meter("llm_output_tokens", "Output tokens", ["completion_tokens"], amount="0.0008"),
                       meter("llm_cached_input_tokens", "Cached input tokens", ["cached_tokens"], amount="0.00002")],
            "invoices": [{"id": "in_1Kopi1106", "org": a["id"], "status": "open", "from": at(D, "00:00"),
                          "to": "2030-11-07T00:00:00Z"}]}
    cus = [customer(a, "accounts", with_org_id=False), customer(b), customer(c)]
    t = [ticket(45201, a, "input tokens on yesterdays invoice too high?",
                "Hi Relay,\n\nwe reconcile every invoice against our own request logs and yesterday's (6 Nov) "
                "doesnt add up. Output tokens and Cached input tokens match our numbers almost to the token, but "
                "the Input tokens line is way higher, something like 40-50% more than we logged for the day. "
                "Nothing changed on our side, same services, same volumes as the day before.\n\nMy guess is the "
                "cache discount isnt being taken off the input line anymore? Our extractor reads a lot from the "
                "prompt cache. Or is it a timezone thing, our finance team works in SGT (UTC+8).\n\nCan you check "
                "and let us know if a credit note is coming, finance wants to close the week.\n\nCheers,\n"
                "Wei Ling Tan\nEngineering Manager, Kopi Labs", "2030-11-07T04:10:00Z", "Wei Ling Tan")]
    # The Input line is above the logs by Gemini's prompt tokens after 03:20, two minutes after the
    # deploy that changed the Gemini usage mapper; the other lines match: billing_pipeline, cited with
    # the invoice and the deploy.
    return scenario("", "token-billing-gemini-input-doubled-by-deploy-english",
                    "English ticket (Singapore, UTC+8) about the Input tokens line of a three-meter invoice, guessing "
                    "the cache discount: deploy #45240 at 03:18 UTC added Gemini's per-modality breakdown to the "
                    "prompt count, so from 03:20 the input meter counts every Gemini request's prompt twice; Kopi's "
                    "in_1Kopi1106 Input line is above the logs by its gemini-2.5-flash prompt tokens while the Output "
                    "and Cached lines equal them (billing_pipeline, cited with the deploy). The Stripe customer has no "
                    "org_id (e-mail domain). An invoice-PDF deploy, a Gemini 2.5 Pro latency incident and a usage-page "
                    "Gemini bug are bystanders among 18 routine deploys.",
                    now, CO, [a, b, c], "2030-11-06T00:00:00Z", 45201, streams, [], t,
                    {45201: truth("token-billing", "billing_pipeline",
                                  ["stripe:invoice:in_1Kopi1106", f"github:deployment:{bad}"],
                                  [f"github:deployment:{pdf}", pro, "linear:issue:GW-6105"], ["gemini-2.5-flash"])},
                    github=gh, statuspage=sp, configs=cfg, billing=bill, linear=lin, stripe_customers=cus,
                    docs=[DOC_THREE_METERS])


DOC_USAGE_PAGE = doc("docs/dashboard/usage.md", "Usage page",
                     "# Usage page\n\nThe usage page shows your organisation's prompt and completion tokens per UTC "
                     "day, per model and per config. Its daily totals are computed from the same request logs as "
                     "your invoice and should equal the invoice's metered quantity for that day (cached input "
                     "tokens excluded).\n")


def billing_usage_page_streamed_bug_fr():
    """The usage page adds streamed completions twice (a filed usage-page bug); the invoice equals the
    logs. The customer fears a catch-up charge and guesses the time zone."""
    D, now = "2030-11-12", "2030-11-13T06:00:00Z"
    a = org("org_herisson", "Hérisson Média", "herisson-media.be", "scale")
    b = org("org_castor", "Castor Logistique", "castor-logistique.fr", "enterprise")
    c = org("org_renard", "Renard Apps", "renardapps.lu", "growth")
    gh = github(CO, 45301, "2030-11-12T00:00:00Z", now, 15)
    pdf = gh.deploy(45341, at(D, "09:05"), "invoices: French and Dutch PDF invoices",
                    ["src/billing/invoice-pdf.ts", "src/billing/locales/fr.ts", "src/billing/locales/nl.ts"])
    retry = gh.deploy(45342, at(D, "15:10"), "metering: retry meter events on Stripe 5xx",
                      ["src/billing/meter-client.ts"])
    lin = [linear_issue("GW-6140", "Usage page counts completion tokens of streamed responses twice",
                        "Since the usage page moved to the new daily aggregation (4 November), the completion "
                        "tokens of streamed responses are added twice to the page's daily totals and to its CSV "
                        "export. Request logs, meter events and invoices are right. Non-streamed requests are "
                        "counted once.", "2030-11-05T09:00:00Z", labels=("bug", "usage-ui"))]
    closed = jira_issue("BILL-377", 37700, "Meter events of streamed requests submitted twice",
                        "Streamed requests sent two usage events to the meter when the client disconnected "
                        "after the last chunk. Fixed on 18 September; affected invoices were credited.",
                        "2030-09-10T10:00:00Z", status="Done", category="done", labels=("bug", "billing"))
    # Hérisson: an editorial assistant on gpt-4.1 whose answers are streamed (12 a minute, 900 prompt
    # and 600 completion tokens) and a non-streamed classifier on Claude Haiku (8 a minute, 1,500 and
    # 200). One meter (prompt + completion), no fault: in_1Herisson1112, the UTC day 12 November,
    # equals the logs, about 45.5 M tokens. The usage page, by the filed bug GW-6140, adds the
    # streamed completions a second time (about 10.4 M), so it shows about 55.9 M. The customer's
    # time-zone theory (Brussels, UTC+1) would move an hour, not a fifth of the day. The closed
    # Jira bug on streamed meter events was fixed in September; the PDF and meter-retry deploys
    # touch neither the logs nor the page.
    redac = stream(a["id"], model="gpt-4.1", per_minute=12, p50=2200, p95=5200, prompt=900, completion=600,
                   config_id="pc-herisson-redaction", key="vk-herisson-redac", sdk="portkey-node/2.14.2",
                   metadata={"rubrique": "actu"})
    redac["streaming"] = {"first_token_share": 0.15}
    sonnet = stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=6, p50=1500, p95=3400,
                    error_rate=0.03, config_id="pc-castor-devis")
    sonnet["streaming"] = {"first_token_share": 0.2}
    streams = [redac,
               stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=8, p50=500, p95=1200,
                      prompt=1500, completion=200, config_id="pc-herisson-tri", key="vk-herisson-tri",
                      sdk="portkey-python/1.27.0"),
               cycle(stream(b["id"], model="gpt-4.1-mini", per_minute=14, p50=600, p95=1500, error_rate=0.03,
                            config_id="pc-castor-suivi"), 7, 18, 0.3),
               sonnet,
               stream(c["id"], per_minute=4, config_id="pc-renard-support")]
    cfg = [one_target("pc-herisson-redaction", a, "redaction", "vk-herisson-openai", "gpt-4.1", 60000),
           one_target("pc-herisson-tri", a, "tri", "vk-herisson-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-castor-suivi", b, "suivi", "vk-castor-openai", "gpt-4.1-mini", 30000),
           one_target("pc-castor-devis", b, "devis", "vk-castor-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-renard-support", c, "support", "vk-renard-openai", "gpt-4o", 30000)]
    bill = single_meter([{"id": "in_1Herisson1112", "org": a["id"], "status": "open", "from": at(D, "00:00"),
                          "to": "2030-11-13T00:00:00Z"}])
    t = [ticket(45301, a, "Écart page Utilisation / facture du 12/11",
                "Bonjour,\n\nPour la journée du mardi 12 novembre, votre page Utilisation affiche environ 55,9 "
                "millions de tokens pour notre organisation, alors que la facture du même jour n'en compte "
                "qu'environ 45,5 millions. Est-ce normal qu'il y ait plus de 10 millions de différence ?\n\n"
                "Notre hypothèse : vos factures sont en UTC et nous sommes à Bruxelles (UTC+1), donc une partie "
                "de la journée serait facturée la veille ou le lendemain ? Ou bien faut-il s'attendre à une "
                "régularisation sur une prochaine facture ? Notre contrôle de gestion préfère le savoir avant la "
                "clôture de novembre.\n\nBien à vous,\nSophie Delvaux\nResponsable technique, Hérisson Média",
                "2030-11-13T05:45:00Z", "Sophie Delvaux")]
    # The invoice equals the logs; the page is above them by the streamed completions, which the
    # filed bug describes: known_bug, cited with the invoice and the issue.
    return scenario("", "token-billing-usage-page-streamed-bug-french",
                    "Belgian French ticket (Brussels, CET, 06:45) asking why the usage page shows about 10 M tokens "
                    "more than the invoice of 12 November and guessing the UTC offset: in_1Herisson1112 equals the "
                    "logs' prompt + completion tokens; the open usage-page bug GW-6140 adds the completion tokens "
                    "of streamed responses twice, and the org's editorial assistant on gpt-4.1 streams (known_bug, "
                    "cited with the invoice). A closed Jira bug on streamed meter events, an invoice-PDF deploy and a "
                    "meter-retry deploy are bystanders among 15 routine deploys.",
                    now, CO, [a, b, c], "2030-11-12T00:00:00Z", 45301, streams, [], t,
                    {45301: truth("token-billing", "known_bug",
                                  ["stripe:invoice:in_1Herisson1112", "linear:issue:GW-6140"],
                                  [f"github:deployment:{pdf}", f"github:deployment:{retry}", "jira:issue:BILL-377"],
                                  ["in_1Herisson1112", "stream"])},
                    github=gh, configs=cfg, billing=bill, linear=lin, jira=[closed],
                    docs=[DOC_INVOICES, DOC_USAGE_PAGE])


DOC_DELIVERY = doc("docs/webhooks/delivery.md", "Webhook delivery",
                   "# Webhook delivery\n\nEvents are POSTed to each registered endpoint subscribed to them. A "
                   "delivery succeeds when your endpoint answers 2xx within 10 s. Any other answer is a failed "
                   "delivery and is retried five times with backoff, then reported in the delivery log and by "
                   "e-mail.\n\n- **Redirects are not followed.** A 301, 302, 307 or 308 answer is a failed "
                   "delivery: following it would send a signed payload to a URL you did not register. Register "
                   "the final URL, with or without its trailing slash exactly as your server expects it.\n"
                   "- **410 Gone** is treated like any other failure. An endpoint you retired keeps receiving "
                   "deliveries until you delete it under Settings → Webhooks.\n")

DOC_SIGNATURES = doc("docs/webhooks/signatures.md", "Verifying webhook signatures",
                     "# Verifying webhook signatures\n\nEvery delivery carries an `x-relay-signature` header: the "
                     "hex-encoded HMAC-SHA256 of the raw request body, keyed with the endpoint's signing secret. "
                     "Compute the same HMAC over the body you received and compare it in constant time; answer 401 "
                     "if it differs. Each endpoint has its own secret; rotating it takes effect at once.\n")


def webhook_signature_deploy_and_retired_v1_es():
    """Two causes: our deploy puts a timestamp and a versioned signature into x-relay-signature, so
    every endpoint that verifies it answers 401 from 10:04 UTC (the customer's v2 receiver and
    another org's; an org that does not verify keeps answering 200); and the customer's retired v1
    endpoint, still registered, answers 410 to every delivery since before the window."""
    Y, D, now = "2030-11-19", "2030-11-20", "2030-11-20T16:00:00Z"
    a = org("org_tecolote", "Tecolote Envíos", "tecolote-envios.mx", "enterprise")
    b = org("org_iguana", "Iguana Labs", "iguanalabs.io", "scale")
    c = org("org_nopal", "Nopal Salud", "nopalsalud.mx", "growth")
    gh = github(CO, 45401, "2030-11-19T12:00:00Z", now, 22)
    bad = gh.deploy(45440, at(D, "10:02"), "webhooks: signature header v2",
                    ["src/webhooks/sign.ts", "src/webhooks/headers.ts", "src/webhooks/sign.test.ts"],
                    message="webhooks: send x-relay-signature as `t=<unix>,v1=<hex>` to allow replay checks (#6120)")
    mail = gh.deploy(45441, at(Y, "17:10"), "webhooks: e-mail alerts for failing endpoints",
                     ["src/webhooks/health.ts", "src/emails/endpoint-failing.mjml"])
    sp = Statuspage(now)
    rt = sp.incident("openai", "r3t5m7a9p1i3", "Increased latency on the Realtime API", at(D, "09:30"), at(D, "10:20"),
                     "Realtime API sessions take longer to start.", component="Realtime API", impact="minor")
    lin = [linear_issue("GW-6310", "Delivery log shows 410 answers as 'unknown error'",
                        "The dashboard's delivery log labels a 410 answer 'unknown error' instead of the status.",
                        "2030-11-11T10:00:00Z", state="Todo", labels=("bug", "dashboard", "webhooks"))]
    # Tecolote (Mexico City, UTC-6 all year): a shipment tracker on gpt-4o with a 3% background error
    # rate and an office-hours cycle (14:00-23:00 UTC), a support assistant on Claude, an invoicing
    # helper. Webhooks: the v2 receiver (request.completed and request.failed, 7 a minute) and the v1
    # URL it replaced on Monday, still registered (request.failed and budget.exceeded, 1 a minute).
    # v1 answers 410 to every delivery for the whole window (the customer's own retirement; the
    # delivery page says a retired endpoint keeps receiving until deleted). Deploy #45440 at 10:02
    # UTC (04:02 in Mexico City) changes the signature header to `t=…,v1=…`, which the signatures
    # page does not describe: from 10:04 every delivery to v2 and to Iguana's endpoint, both
    # verifying, is answered 401 signature_rejected; Nopal's endpoint does not verify and keeps
    # answering 200. Primary: the deploy (the ticket's complaint, about 2,500 failures by 16:00);
    # secondary: the v1 endpoint (about 1,700 failures over the window). The failing-endpoint e-mail
    # deploy of the day before only made the v1 failures visible; the delivery-log bug and the
    # Realtime incident are bystanders. The customer's secret rotation was on Friday, with
    # deliveries succeeding until 10:04 Wednesday.
    streams = [cycle(stream(a["id"], per_minute=16, p50=900, p95=2200, error_rate=0.03, config_id="pc-tecolote-rastreo",
                            key="vk-tecolote-ops", sdk="portkey-node/2.14.2"), 14, 23, 0.3),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=6, p50=1500, p95=3400,
                      error_rate=0.03, config_id="pc-tecolote-soporte", key="vk-tecolote-web",
                      sdk="portkey-python/1.27.0"),
               stream(a["id"], model="gpt-4.1-mini", per_minute=6, p50=600, p95=1500, error_rate=0.03,
                      config_id="pc-tecolote-facturas", key="vk-tecolote-ops", sdk="portkey-node/2.14.2"),
               stream(b["id"], model="gpt-4.1", per_minute=8, p50=1300, p95=3000, config_id="pc-iguana-agents"),
               stream(c["id"], per_minute=4, config_id="pc-nopal-citas")]
    cfg = [one_target("pc-tecolote-rastreo", a, "rastreo", "vk-tecolote-openai", "gpt-4o", 30000),
           one_target("pc-tecolote-soporte", a, "soporte", "vk-tecolote-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-tecolote-facturas", a, "facturas", "vk-tecolote-openai", "gpt-4.1-mini", 30000),
           one_target("pc-iguana-agents", b, "agents", "vk-iguana-openai", "gpt-4.1", 60000),
           one_target("pc-nopal-citas", c, "citas", "vk-nopal-openai", "gpt-4o", 30000)]
    v2 = "https://api.tecolote-envios.mx/v2/webhooks/relay"
    v1 = "https://api.tecolote-envios.mx/v1/webhooks/relay"
    iguana = "https://hooks.iguanalabs.io/relay"
    nopal = "https://nopalsalud.mx/api/relay-eventos"
    wh = hooks((a["id"], v2, ["request.completed", "request.failed"], 7, 160),
               (a["id"], v1, ["request.failed", "budget.exceeded"], 1, 140),
               (b["id"], iguana, ["request.completed"], 4, 120),
               (c["id"], nopal, ["request.completed"], 2, 150),
               anomalies=[failures("2030-11-19T12:00:00Z", None, v1, 1.0, 410, ""),
                          failures(at(D, "10:04"), None, v2, 1.0, 401, "signature_rejected"),
                          failures(at(D, "10:04"), None, iguana, 1.0, 401, "signature_rejected")])
    sig_ts = unix(at(D, "10:05"))
    t = [ticket(45401, a, "401 en webhooks desde la madrugada + correos de endpoint fallando",
                "Buen día.\n\nDesde las 4 de la mañana (hora de CDMX) nuestro receptor v2 está rechazando con 401 "
                "\"firma inválida\" prácticamente todo lo que nos mandan. El viernes rotamos el secreto de firma, "
                "pero estuvo funcionando bien hasta hoy en la madrugada, así que no creemos que sea eso... ¿o sí?\n\n"
                "Además, desde ayer en la tarde nos empezaron a llegar correos de \"endpoint fallando\" para la URL "
                "v1, que dimos de baja el lunes cuando migramos a v2 (ahí contestamos 410 a propósito). ¿Puede ser "
                "que tener las dos URLs registradas, cada una con su secreto, confunda la firma?\n\nLog del "
                "receptor v2:\n```\n2030-11-20T04:05:12-06:00 WARN webhook-v2 firma inválida "
                f"header=\"t={sig_ts},v1=3be1…\" esperado=hmac_sha256_hex(body)\n```\n\nEs urgente, sin estos "
                "eventos no actualizamos el estatus de las guías.\n\nSaludos,\nIng. Mariana Zúñiga\nIntegraciones · "
                "Tecolote Envíos", at(D, "15:20"), "Mariana Zúñiga", priority="high")]
    return scenario("", "webhook-failures-signature-header-deploy-and-retired-v1-spanish",
                    "Mexican Spanish ticket (Mexico City, UTC-6) with two causes: deploy #45440 changed "
                    "x-relay-signature to `t=…,v1=…` at 10:02 UTC and from 10:04 every endpoint that verifies it "
                    "answers 401 signature_rejected, the customer's v2 receiver and another org's, while an org "
                    "that does not verify keeps answering 200 (primary, deploy_regression, cited with the v2 "
                    "endpoint); the customer's retired v1 URL, still registered, answers 410 to every delivery "
                    "all window (secondary, customer_endpoint). A failing-endpoint e-mail deploy the day before, "
                    "a delivery-log bug and a Realtime API incident are bystanders among 22 routine deploys.",
                    now, CO, [a, b, c], "2030-11-19T12:00:00Z", 45401, streams, [], t,
                    {45401: truth("webhook-failures", "deploy_regression", [f"github:deployment:{bad}", f"endpoint:{v2}"],
                                  [f"github:deployment:{mail}", "linear:issue:GW-6310", rt], ["401", "410"],
                                  secondary=[secondary("customer_endpoint", [f"endpoint:{v1}"])])},
                    github=gh, statuspage=sp, webhooks=wh, configs=cfg, linear=lin,
                    docs=[DOC_DELIVERY, DOC_SIGNATURES])


DOC_EGRESS = doc("docs/webhooks/ip-addresses.md", "Webhook source addresses",
                 "# Webhook source addresses\n\nDeliveries come from 203.0.113.10, 203.0.113.11 and 203.0.113.12. "
                 "These addresses have not changed since 2029; we announce any change 30 days ahead.\n")


def webhook_cdn_redirect_308_ja():
    """After the customer's CDN move, its main receiver answers 308 (a trailing-slash redirect) to
    every delivery; the delivery page says redirects are not followed. Its batch endpoint on another
    host and the other orgs' endpoints answer 200; our HTTP/2 deploy went live twenty minutes before."""
    Y, D, now = "2031-02-11", "2031-02-12", "2031-02-12T07:00:00Z"
    a = org("org_hibari", "Hibari Kogyo", "hibari-kogyo.co.jp", "enterprise")
    b = org("org_tanuki", "Tanuki Games", "tanuki-games.jp", "scale")
    c = org("org_medaka", "Medaka Fintech", "medaka-fintech.jp", "growth")
    gh = github(CO, 45501, "2031-02-11T08:00:00Z", now, 14)
    h2 = gh.deploy(45540, at(D, "01:40"), "webhooks: HTTP/2 client for deliveries",
                   ["src/webhooks/http-client.ts", "src/webhooks/http-client.test.ts"])
    lin = [linear_issue("GW-6420", "Webhook test button ignores custom headers",
                        "The 'send test event' button does not send the endpoint's custom headers.",
                        "2031-02-02T10:00:00Z", state="Todo", labels=("bug", "webhooks"))]
    # Hibari: a settlement assistant on gpt-4.1 (Tokyo business hours, 01:00-10:00 UTC) and an
    # inquiry classifier on Claude Haiku. Its main receiver (api.hibari-kogyo.co.jp/relay/webhook,
    # request.completed and request.failed, 6 a minute) answers 200 until 02:00 UTC on 12 February
    # (11:00 JST) and 308 to every delivery from then on: the customer's CDN now redirects the path
    # to its trailing-slash form; a browser or `curl -L` follows it, our deliveries do not, as the
    # delivery page says. Its batch endpoint (another host) answers 200 throughout; Medaka's does
    # too after our HTTP/2 deploy at 01:40. Tanuki's endpoint timed out on 30% of deliveries
    # 22:00-23:10 UTC the evening before (its own, another org). The source addresses page rebuts the
    # customer's IP theory. The cause is the endpoint, cited with the delivery page.
    streams = [cycle(stream(a["id"], model="gpt-4.1", per_minute=12, p50=1300, p95=3000, error_rate=0.02,
                            config_id="pc-hibari-seisan", key="vk-hibari-keiri", sdk="portkey-python/1.27.0"),
                     1, 10, 0.3),
               stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=6, p50=500, p95=1200,
                      config_id="pc-hibari-toiawase", key="vk-hibari-web", sdk="portkey-node/2.14.2"),
               stream(b["id"], model="gpt-4.1-mini", per_minute=10, p50=600, p95=1500, error_rate=0.03,
                      config_id="pc-tanuki-npc"),
               stream(c["id"], per_minute=4, config_id="pc-medaka-kyc")]
    cfg = [one_target("pc-hibari-seisan", a, "seisan", "vk-hibari-openai", "gpt-4.1", 60000),
           one_target("pc-hibari-toiawase", a, "toiawase", "vk-hibari-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-tanuki-npc", b, "npc", "vk-tanuki-openai", "gpt-4.1-mini", 30000),
           one_target("pc-medaka-kyc", c, "kyc", "vk-medaka-openai", "gpt-4o", 30000)]
    main = "https://api.hibari-kogyo.co.jp/relay/webhook"
    batch = "https://batch.hibari-kogyo.co.jp/hooks/relay"
    tanuki = "https://hooks.tanuki-games.jp/relay"
    wh = hooks((a["id"], main, ["request.completed", "request.failed"], 6, 140),
               (a["id"], batch, ["batch.completed", "budget.exceeded"], 1, 180),
               (b["id"], tanuki, ["request.completed"], 4, 220),
               (c["id"], "https://api.medaka-fintech.jp/webhooks/relay", ["request.completed"], 2, 130),
               anomalies=[failures(at(D, "02:00"), None, main, 1.0, 308, ""),
                          failures(at(Y, "22:00"), at(Y, "23:10"), tanuki, 0.3, 0, "timeout")])
    t = [ticket(45501, a, "Re: 請求書の送付先変更について",
                "Relay サポート ご担当者様\n\n先日は請求書送付先の件でご対応いただきありがとうございました。\n"
                "別件で恐縮ですが、本日11時ごろ（JST）から、弊社の受信エンドポイント\n"
                "https://api.hibari-kogyo.co.jp/relay/webhook に Webhook がまったく届かなくなりました。\n\n"
                "弊社側でブラウザおよび curl で確認したところ、URL は正常に応答しております。\n"
                "```\n$ curl -sL -o /dev/null -w '%{http_code}\\n' https://api.hibari-kogyo.co.jp/relay/webhook\n"
                "200\n```\n本日午前中にインフラチームが CDN の設定を変更しましたが、URL 自体は変えておりません。\n"
                "弊社の WAF では御社の送信元 IP を許可リストに登録しておりますので、御社の送信元 IP アドレスが"
                "変わった可能性はございますでしょうか。また、本日の御社リリースノートに「HTTP/2 対応」とありましたが、"
                "関係はありますでしょうか。\n\nなお、batch 用のエンドポイントには引き続き届いております。\n\n"
                "お手数ですがご確認のほどよろしくお願いいたします。\n\n小林 健太\n雲雀工業株式会社 情報システム部",
                at(D, "06:20"), "Kenta Kobayashi", priority="high")]
    return scenario("", "webhook-failures-cdn-redirect-308-japanese",
                    "Japanese ticket (JST) under a stale invoice-address subject, guessing our source IPs or our "
                    "HTTP/2 deploy: from 02:00 UTC (11:00 JST) the customer's main receiver answers 308 to every "
                    "delivery after its own CDN change (a trailing-slash redirect its `curl -L` follows), and the "
                    "delivery page says redirects are not followed; its batch endpoint and the other orgs' answer "
                    "200 (customer_endpoint, cited with the page). The HTTP/2 deploy at 01:40, another org's "
                    "timeouts the evening before and a test-button bug are bystanders among 14 routine deploys.",
                    now, CO, [a, b, c], "2031-02-11T08:00:00Z", 45501, streams, [], t,
                    {45501: truth("webhook-failures", "customer_endpoint",
                                  [f"endpoint:{main}", "docs:docs/webhooks/delivery.md"],
                                  [f"github:deployment:{h2}", "linear:issue:GW-6420", f"endpoint:{tanuki}"], ["308"])},
                    github=gh, webhooks=wh, configs=cfg, linear=lin, docs=[DOC_DELIVERY, DOC_EGRESS])


DOC_METADATA_SDK = doc("docs/observability/metadata.md", "Custom metadata",
                       "# Custom metadata\n\nSend metadata as a JSON object in the `x-portkey-metadata` header or "
                       "the SDK's `metadata` option; it is stored with the request log and forwarded to the "
                       "provider. Keys are case sensitive, values at most 128 characters. Values may contain any "
                       "Unicode characters.\n")


def metadata_node_base64_known_bug_en():
    """portkey-node 2.15.0 sends the metadata header base64-encoded; the gateway does not decode it
    yet (filed in Linear) and stores no metadata for those requests. The customer's chat service
    moved to 2.15.0 at 23:30 UTC; its other services and 2.14.2 keep their metadata."""
    Y, D, now = "2031-02-04", "2031-02-05", "2031-02-05T05:00:00Z"
    a = org("org_kookaburra", "Kookaburra Health", "kookaburrahealth.com.au", "enterprise")
    b = org("org_bilby", "Bilby Apps", "bilbyapps.com.au", "scale")
    c = org("org_numbat", "Numbat Legal", "numbatlegal.com.au", "growth")
    gh = github(CO, 45601, "2031-02-04T10:00:00Z", now, 19)
    idx = gh.deploy(45640, at(Y, "23:05"), "logs: metadata search index",
                    ["src/logs/search/metadata-index.ts", "ui/logs/search.tsx"])
    gh.release(99601, "v2.15.0", "portkey-node v2.15.0",
               "## Changes\n\n- Metadata values are now sent base64-encoded (`x-portkey-metadata-encoding: base64`) so "
               "non-ASCII values survive proxies.\n- `client.batches.list()` pagination helpers.\n",
               "2031-02-03T02:00:00Z")
    gh.release(99602, "v1.27.0", "portkey-python v1.27.0", "## Changes\n\n- Async streaming helpers.\n",
               "2031-01-20T02:00:00Z")
    bug = linear_issue("GW-6233", "Gateway stores no metadata for base64-encoded x-portkey-metadata (portkey-node 2.15.0)",
                       "portkey-node 2.15.0 sends the metadata header base64-encoded with "
                       "`x-portkey-metadata-encoding: base64`. The gateway's header parser does not decode it, fails "
                       "to parse the JSON and stores and forwards the request without metadata. Other SDKs and "
                       "portkey-node 2.14.x are unaffected. Workaround: stay on 2.14.2, or pass "
                       "`metadataEncoding: 'json'` to the client. Parser fix in progress.",
                       "2031-02-03T22:00:00Z", labels=("bug", "metadata", "gateway"))
    look = linear_issue("GW-6190", "CSV export shows non-ASCII metadata values escaped",
                        "Exported CSVs show metadata values with \\u escapes; the logs view is right.",
                        "2031-01-27T10:00:00Z", state="Todo", labels=("bug", "metadata", "export"))
    sp = Statuspage(now)
    haiku = sp.incident("anthropic", "k4h6a8i0k2u4", "Elevated errors on Claude Haiku 4.5", at(D, "01:00"),
                        at(D, "01:40"), "Some Claude Haiku 4.5 requests fail.")
    # Kookaburra is a big org with a 3% background error rate: a patient chat (pc-kookaburra-chat), a
    # triage assistant on Claude Sonnet (portkey-python/1.27.0) and a reporting job (portkey-node
    # 2.14.2), metadata on every one. The chat ran portkey-node/2.14.2 until 23:30 UTC on 4 February
    # and portkey-node/2.15.0 from then on (10:30 on 5 February in Sydney, AEDT UTC+11). Every
    # request sent with portkey-node/2.15.0 is logged without metadata: Kookaburra's chat from 23:30,
    # Bilby's app all window. Triage, reporting (2.14.2) and Numbat keep theirs. GW-6233, open since
    # 3 February, describes exactly this. The metadata search-index deploy at 23:05, the CSV escape
    # bug and a Haiku incident (the org uses no Haiku) are bystanders.
    meta = {"clinic_id": "CL-0417", "patient_cohort": "cardio"}
    streams = [stream(a["id"], model="gpt-4.1", per_minute=12, p50=1300, p95=3000, error_rate=0.03,
                      config_id="pc-kookaburra-chat", key="vk-kookaburra-web", sdk="portkey-node/2.14.2", metadata=meta),
               stream(a["id"], model="gpt-4.1", per_minute=12, p50=1300, p95=3000, error_rate=0.03,
                      config_id="pc-kookaburra-chat", key="vk-kookaburra-web", sdk="portkey-node/2.15.0", metadata=meta),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=8, p50=1500, p95=3400,
                      error_rate=0.03, config_id="pc-kookaburra-triage", key="vk-kookaburra-clinical",
                      sdk="portkey-python/1.27.0", metadata={"clinic_id": "CL-0417", "queue": "triage"}),
               stream(a["id"], model="gpt-4.1-mini", per_minute=5, p50=600, p95=1500, error_rate=0.03,
                      config_id="pc-kookaburra-reports", key="vk-kookaburra-clinical", sdk="portkey-node/2.14.2",
                      metadata={"report": "weekly", "clinic_id": "CL-0417"}),
               stream(b["id"], model="gpt-4.1-mini", per_minute=8, p50=600, p95=1500, config_id="pc-bilby-app",
                      sdk="portkey-node/2.15.0", metadata={"tenant": "bilby-au"}),
               stream(c["id"], per_minute=4, config_id="pc-numbat-drafts", sdk="portkey-python/1.27.0",
                      metadata={"matter": "M-2291"})]
    an = [volume("2031-02-04T10:00:00Z", at(Y, "23:30"), {"config_id": "pc-kookaburra-chat", "sdk": "portkey-node/2.15.0"},
                 0.0),
          volume(at(Y, "23:30"), None, {"config_id": "pc-kookaburra-chat", "sdk": "portkey-node/2.14.2"}, 0.0),
          metadata_dropped("2031-02-04T10:00:00Z", None, {"sdk": "portkey-node/2.15.0"})]
    cfg = [one_target("pc-kookaburra-chat", a, "chat", "vk-kookaburra-openai", "gpt-4.1", 60000),
           one_target("pc-kookaburra-triage", a, "triage", "vk-kookaburra-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-kookaburra-reports", a, "reports", "vk-kookaburra-openai", "gpt-4.1-mini", 30000),
           one_target("pc-bilby-app", b, "app", "vk-bilby-openai", "gpt-4.1-mini", 30000),
           one_target("pc-numbat-drafts", c, "drafts", "vk-numbat-openai", "gpt-4o", 30000)]
    t = [ticket(45601, a, "metadata gone from logs since this morning??",
                "Hey team,\n\nSince about 10.30am today (Sydney time, AEDT) our patient chat requests are showing "
                "up in the logs with no metadata at all - clinic_id and patient_cohort are just gone. Triage and "
                "the reporting job still look fine.\n\nWe did roll the chat service onto the latest node SDK this "
                "morning, but the changelog literally says metadata handling got *better* (non-ASCII values), so "
                "I doubt thats it. I also noticed you shipped a 'metadata search index' last night - did that "
                "break something on your end?\n\nWe need clinic_id on every request for our audit trail so this is "
                "urgent-ish.\n\nThanks,\nJosh Nguyen\nPlatform Lead, Kookaburra Health", at(D, "04:20"),
                "Josh Nguyen", priority="high")]
    # Only portkey-node/2.15.0 requests lose metadata, for every org, and an open issue describes the
    # parser gap: known_bug, cited with the issue and the SDK version.
    return scenario("", "metadata-node-base64-header-known-bug-sydney-english",
                    "English ticket (Sydney, AEDT UTC+11) from a big org with a 3% background error rate, blaming our "
                    "metadata search-index deploy: every request sent with portkey-node/2.15.0, whose release sends "
                    "the metadata header base64-encoded, is logged without metadata (the org's chat from its upgrade "
                    "at 23:30 UTC, another org's app all window), while 2.14.2 and Python traffic keep theirs; the "
                    "open issue GW-6233 says the gateway does not decode it yet (known_bug, cited with the SDK "
                    "version). The search-index deploy at 23:05, a CSV escape bug and a Haiku incident are "
                    "bystanders among 19 routine deploys.",
                    now, CO, [a, b, c], "2031-02-04T10:00:00Z", 45601, streams, an, t,
                    {45601: truth("metadata", "known_bug", ["linear:issue:GW-6233", "sdk:portkey-node/2.15.0"],
                                  [f"github:deployment:{idx}", "linear:issue:GW-6190", haiku], ["2.15.0"])},
                    github=gh, statuspage=sp, configs=cfg, linear=[bug, look], docs=[DOC_METADATA_SDK])


DOC_METADATA_HEADER = doc("docs/observability/metadata.md", "Custom metadata",
                          "# Custom metadata\n\nSend metadata as a JSON object in the `x-portkey-metadata` header, "
                          "or with the SDK's `metadata` option, which sets that header for you. It is stored with "
                          "the request log and forwarded to the provider.\n\n## Without an SDK\n\nSet the header "
                          "yourself: `x-portkey-metadata: {\"team\": \"claims\"}`. Only this header is read as "
                          "metadata. Any other header, such as `x-metadata` or one named after your own product, "
                          "is passed to the provider untouched and nothing of it is stored with the request log.\n\n"
                          "Keys are case sensitive; values at most 128 characters.\n")


def metadata_wrong_header_raw_http_de():
    """The customer moved its export job from the Python SDK to a hand-written httpx client at 09:00
    UTC and sends its metadata as `x-relay-metadata`, which the metadata page says is not read; the
    job's requests carry none from then. Its other services, and another org's httpx client sending
    the right header, keep theirs."""
    D, now = "2031-02-18", "2031-02-19T09:00:00Z"
    a = org("org_steinbock", "Steinbock Versicherungen", "steinbock-versicherungen.ch", "enterprise")
    b = org("org_gams", "Gams Treuhand", "gams-treuhand.ch", "scale")
    c = org("org_murmel", "Murmel Apps", "murmelapps.at", "growth")
    gh = github(CO, 45701, "2031-02-18T06:00:00Z", now, 20)
    chips = gh.deploy(45740, at(D, "09:20"), "logs: metadata filter chips",
                      ["ui/logs/filter-chips.tsx", "ui/logs/metadata-filter.ts"])
    gh.release(99701, "v1.28.0", "portkey-python v1.28.0",
               "## Changes\n\n- Python 3.8 is no longer supported.\n- `with_options(timeout=...)` accepts floats.\n",
               "2031-02-17T08:00:00Z")
    lin = [linear_issue("GW-6512", "Metadata values over 128 characters cut without a warning",
                        "Values longer than 128 characters are truncated silently.", "2031-02-06T10:00:00Z",
                        state="Todo", labels=("bug", "metadata"))]
    # Steinbock (Zürich, CET UTC+1), a big org with a 3% background error rate and an office-hours
    # cycle (07:00-17:00 UTC): a claims assistant on Claude Sonnet (portkey-python/1.27.0) and a
    # broker portal (portkey-node/2.14.2), metadata on every request before and after. Its policy
    # document export (pc-steinbock-export, key vk-steinbock-export) sent portkey-python/1.27.0
    # requests with metadata until 09:00 UTC on Tuesday 18 February (10:00 in Zürich) and from then
    # python-httpx/0.28.1 requests, all without metadata: the ticket's code sets `x-relay-metadata`,
    # and the metadata page says only `x-portkey-metadata` is read. Gams' accounting job on
    # python-httpx/0.27.2 sends the right header and keeps its metadata. The filter-chips deploy at
    # 09:20 (dashboard), the truncation bug and a Python SDK release the org never installed are
    # bystanders.
    def office(s):
        return cycle(s, 7, 17, 0.3)
    export_meta = {"mandant": "ST-CH-01", "dokumenttyp": "police"}
    streams = [office(stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=10, p50=1500,
                             p95=3400, error_rate=0.03, config_id="pc-steinbock-schaden", key="vk-steinbock-schaden",
                             sdk="portkey-python/1.27.0",
                             metadata={"mandant": "ST-CH-01", "dokumenttyp": "schadenmeldung"})),
               office(stream(a["id"], model="gpt-4.1-mini", per_minute=12, p50=600, p95=1500, error_rate=0.03,
                             config_id="pc-steinbock-broker", key="vk-steinbock-web", sdk="portkey-node/2.14.2",
                             metadata={"mandant": "ST-CH-02", "kanal": "broker"})),
               stream(a["id"], model="gpt-4.1", per_minute=6, p50=1800, p95=4200, prompt=4000, completion=900,
                      error_rate=0.03, config_id="pc-steinbock-export", key="vk-steinbock-export",
                      sdk="portkey-python/1.27.0", metadata=export_meta),
               stream(a["id"], model="gpt-4.1", per_minute=6, p50=1800, p95=4200, prompt=4000, completion=900,
                      error_rate=0.03, config_id="pc-steinbock-export", key="vk-steinbock-export",
                      sdk="python-httpx/0.28.1", metadata={}),
               stream(b["id"], model="gpt-4.1-mini", per_minute=8, p50=600, p95=1500, config_id="pc-gams-buchhaltung",
                      sdk="python-httpx/0.27.2", metadata={"mandat": "GT-114"}),
               stream(c["id"], per_minute=4, config_id="pc-murmel-chat", sdk="portkey-node/2.14.2",
                      metadata={"app": "murmel"})]
    an = [volume("2031-02-18T06:00:00Z", at(D, "09:00"), {"sdk": "python-httpx/0.28.1"}, 0.0),
          volume(at(D, "09:00"), None, {"config_id": "pc-steinbock-export", "sdk": "portkey-python/1.27.0"}, 0.0)]
    cfg = [one_target("pc-steinbock-schaden", a, "schaden", "vk-steinbock-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-steinbock-broker", a, "broker", "vk-steinbock-openai", "gpt-4.1-mini", 30000),
           one_target("pc-steinbock-export", a, "export", "vk-steinbock-openai", "gpt-4.1", 60000),
           one_target("pc-gams-buchhaltung", b, "buchhaltung", "vk-gams-openai", "gpt-4.1-mini", 30000),
           one_target("pc-murmel-chat", c, "chat", "vk-murmel-openai", "gpt-4o", 30000)]
    t = [ticket(45701, a, "Metadaten fehlen beim Export-Job seit Dienstag",
                "Grüezi miteinander\n\nSeit Dienstag ca. 10 Uhr (MEZ) fehlen bei unserem Export-Job in euren Logs "
                "sämtliche Metadaten (mandant, dokumenttyp). Bei Schadenassistent und Broker-Portal ist alles wie "
                "immer.\n\nWir haben den Export-Job am Dienstag auf einen schlanken HTTP-Client umgestellt (kein "
                "SDK mehr, weniger Abhängigkeiten), schicken die Metadaten aber weiterhin bei jedem Call mit:\n\n"
                "```python\nresp = httpx.post(f\"{RELAY_BASE_URL}/v1/chat/completions\",\n"
                "    headers={\"x-portkey-api-key\": RELAY_KEY,\n"
                "             \"x-portkey-config\": \"pc-steinbock-export\",\n"
                "             \"x-relay-metadata\": json.dumps({\"mandant\": mandant, \"dokumenttyp\": \"police\"})},\n"
                "    json=payload, timeout=60)\n```\n\nIst es normal, dass ihr Metadaten nur über das SDK annehmt?? "
                "Oder habt ihr am Dienstag etwas geändert? Im Changelog sehe ich \"Filter-Chips für Metadaten\", "
                "genau um die Zeit.\n\nFreundliche Grüsse\nReto Baumgartner\nApplikationsentwicklung, Steinbock "
                "Versicherungen AG", "2031-02-19T08:30:00Z", "Reto Baumgartner")]
    # The requests without metadata are exactly the export job's since its move to python-httpx
    # 0.28.1, whose code sends a header the metadata page says is not read: customer_config, cited
    # with the page and the SDK string that marks those requests.
    return scenario("", "metadata-wrong-header-raw-http-client-german",
                    "Swiss German ticket (Zürich, CET) blaming our filter-chips deploy: the export job moved from "
                    "portkey-python to a hand-written client at 09:00 UTC on 18 February and its python-httpx/0.28.1 "
                    "requests carry no metadata because its code sends `x-relay-metadata`, while the metadata page says "
                    "only `x-portkey-metadata` is read; the org's other services and another org's httpx client "
                    "sending the right header keep theirs (customer_config, cited with the page). A big org with a 3% "
                    "background error rate and an office-hours cycle; the filter-chips deploy at 09:20, a "
                    "truncation bug and an uninstalled SDK release are bystanders among 20 routine deploys.",
                    now, CO, [a, b, c], "2031-02-18T06:00:00Z", 45701, streams, an, t,
                    {45701: truth("metadata", "customer_config",
                                  ["docs:docs/observability/metadata.md", "sdk:python-httpx/0.28.1"],
                                  [f"github:deployment:{chips}", "linear:issue:GW-6512", "github:release:v1.28.0"],
                                  ["x-portkey-metadata"])},
                    github=gh, configs=cfg, linear=lin, docs=[DOC_METADATA_HEADER])


ALL = [billing_utc_day_reprocessing_pt, billing_gemini_input_doubled_deploy_en, billing_usage_page_streamed_bug_fr,
       webhook_signature_deploy_and_retired_v1_es, webhook_cdn_redirect_308_ja, metadata_node_base64_known_bug_en,
       metadata_wrong_header_raw_http_de]

if __name__ == "__main__":
    write_all(ALL)
