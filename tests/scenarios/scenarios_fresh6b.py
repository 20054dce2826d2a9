#!/usr/bin/env python3
"""Five library scenarios in the thin cells of the token-billing, webhook-failures and metadata
playbooks, written before the engine ran on them: an invoice that grew because the customer's
traffic moved to a config with a far larger `max_tokens`, a filed metering bug that loses one
provider's usage (the invoice is below the logs), fallback-served requests that send no
`request.failed` webhook as documented, webhooks delivered all along beside another org's expired
certificate (two orgs, two tickets), and a metadata key that is on every request while a batch job
that never sends metadata runs beside it.

Winter (January 2028: Europe on standard time; Maputo has no summer time) and summer (July and
August 2028: Denver on MDT, Paris on CEST; Japan has no summer time). Every truth below is read
from the data declared next to it (anomalies, configs, billing faults, deploys, issues, incidents,
docs). Run it to rewrite the JSON files."""
from compose import *  # noqa: F401,F403
from scenarios_fresh import cycle, failures, hooks
from scenarios_fresh3a import jira_issue

CO = {"name": "Relay AI", "github_repo": "relay-ai/gateway"}

PAGES.setdefault("mistral", ("ms2d6f0h4j8k", "Mistral AI", "https://status.mistral.ai",
                             ["La Plateforme API", "Le Chat", "Codestral"]))


def billing_max_tokens_switch_en():
    """The grading service moved to a config whose target allows far longer answers; the invoice
    bills what the logs show."""
    D, now = "2028-07-18", "2028-07-19T02:30:00Z"
    a = org("org_larch", "Larchmont Tutoring", "larchmont-tutoring.com", "scale")
    b = org("org_quince", "Quince Health", "quincehealth.org", "enterprise")
    gh = github(CO, 21001, "2028-07-17T20:00:00Z", now, 19)
    her = gh.deploy(21040, at(D, "15:25"), "meters: flush usage events every 30 s instead of every 5 min",
                    ["src/billing/meter-flush.ts", "src/billing/meter-flush.test.ts"])
    lin = [linear_issue("GW-2911", "Usage page: weekly chart counts embedding tokens twice",
                        "The weekly usage chart adds embedding tokens to both the input and total series.",
                        "2028-07-10T10:00:00Z", labels=("bug", "usage-ui"))]
    sp = Statuspage(now)
    inc = sp.incident("openai", "q7g4r1a8d5e2", "Elevated latency on GPT-4.1", at(D, "13:00"), at(D, "14:10"),
                      "Some requests to GPT-4.1 see elevated latency.")
    # Larchmont's essay grader (gpt-4.1, ~2,600 prompt tokens) ran through pc-larch-grader, whose
    # target caps answers at max_tokens 600 (about 420 completion tokens a request). At 15:40 UTC
    # (09:40 MDT) on 18 July the grader moved to pc-larch-grader-v3 (created 15:31), whose target sets
    # max_tokens 8192: the same requests now return about 2,900 completion tokens. Request volume is
    # flat. The invoice of 18 July equals the logged tokens (no billing fault); the increase is the
    # customer's own config.
    old = stream(a["id"], model="gpt-4.1", per_minute=7, p50=2600, p95=5200, prompt=2600, completion=420,
                 config_id="pc-larch-grader", key="vk-larch-grading", sdk="portkey-python/1.15.2",
                 metadata={"service": "grader"})
    new = dict(old, config_id="pc-larch-grader-v3", tokens={"prompt": 2600, "completion": 2900, "cached_share": 0.0},
               latency_ms={"p50": 9800, "p95": 17000})
    streams = [old, new,
               cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=9, prompt=900, completion=180,
                            config_id="pc-larch-tutor", key="vk-larch-web", sdk="portkey-node/1.13.0"), 13, 23, 0.2),
               stream(a["id"], route="/v1/embeddings", model="text-embedding-3-small", per_minute=4, p50=90, p95=220,
                      prompt=350, completion=0, config_id="pc-larch-search", key="vk-larch-web",
                      sdk="portkey-node/1.13.0"),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-5", per_minute=14, p50=1500, p95=3400,
                      prompt=3000, completion=500, cached=0.4, config_id="pc-quince-notes")]
    an = [volume(at(D, "15:40"), None, {"config_id": "pc-larch-grader"}, 0.0),
          volume("2028-07-18T00:00:00Z", at(D, "15:40"), {"config_id": "pc-larch-grader-v3"}, 0.0)]
    grader = config("pc-larch-grader", a["id"], "grader",
                    [target("vk-larch-openai", "gpt-4.1", 60000)], updated="2028-03-04T17:00:00Z")
    grader["config"]["targets"][0]["override_params"]["max_tokens"] = 600
    v3 = config("pc-larch-grader-v3", a["id"], "grader-v3",
                [target("vk-larch-openai", "gpt-4.1", 90000)], updated=at(D, "15:31"))
    v3["config"]["targets"][0]["override_params"]["max_tokens"] = 8192
    v3["created_at"] = at(D, "15:31")
    cfg = [grader, v3,
           one_target("pc-larch-tutor", a, "tutor", "vk-larch-openai", "gpt-4.1-mini", 30000),
           one_target("pc-larch-search", a, "search", "vk-larch-openai", "text-embedding-3-small", 10000),
           one_target("pc-quince-notes", b, "notes", "vk-quince-anthropic", "claude-sonnet-4-5", 60000)]
    bill = {"meter": "llm_tokens", "unit": "tokens", "counts": ["prompt_tokens", "completion_tokens"],
            "cached_tokens": "excluded", "unit_amount_decimal": "0.0002", "faults": [],
            "invoices": [{"id": "in_1Larch0718", "org": a["id"], "status": "open", "from": at(D, "00:00"),
                          "to": "2028-07-19T00:00:00Z"}]}
    t = [ticket(21001, a, "invoice jumped??",
                "in_1Larch0718 is roughly 3x a normal day. Our grading volume was flat - I checked our own "
                "counters, same number of essays as Monday. Only thing we shipped was the new grader prompt "
                "around 9:30am Denver time and that's just prompt text. You pushed something to metering "
                "yesterday too, right? Want this fixed and the difference refunded.\n\n- Dana\n\n"
                "Sent from my phone", "2028-07-19T01:55:00Z", "Dana Whitfield")]
    return scenario("", "token-billing-max-tokens-switch-english",
                    "Terse English ticket (Denver summer time) about an invoice three times a normal day with flat "
                    "volume: at 15:40 UTC the essay grader moved to config pc-larch-grader-v3, whose target sets "
                    "max_tokens 8192 instead of 600, so each request returns about 2,900 completion tokens "
                    "instead of 420; the invoice equals the logs (customer_config). A meter-flush deploy at "
                    "15:25, a usage-chart bug and a GPT-4.1 latency incident are bystanders among 19 routine "
                    "deploys.",
                    now, CO, [a, b], "2028-07-18T00:00:00Z", 21001, streams, an, t,
                    {21001: truth("token-billing", "customer_config",
                                  ["config:pc-larch-grader-v3", "stripe:invoice:in_1Larch0718"],
                                  [f"github:deployment:{her}", "linear:issue:GW-2911", inc],
                                  ["15:40", "max_tokens"])},
                    github=gh, configs=cfg, billing=bill, linear=lin, statuspage=sp, docs=[DOC_INVOICES])


def billing_known_mistral_dropped_pt():
    """A filed, open Jira bug: the meter has emitted no usage for Mistral requests since a usage
    worker roll-out; the invoice is below the logs by exactly the org's Mistral tokens."""
    D, now = "2028-01-12", "2028-01-13T06:00:00Z"
    a = org("org_embondeiro", "Embondeiro Contas", "embondeiro.co.mz", "scale")
    b = org("org_jaguar", "Jaguar Fretes", "jaguarfretes.com.br", "growth")
    gh = github(CO, 21101, "2028-01-11T20:00:00Z", now, 16)
    her = gh.deploy(21140, at(D, "14:20"), "mistral adapter: map tool_choice 'any' to 'required'",
                    ["src/providers/mistral/request.ts", "src/providers/mistral/request.test.ts"])
    bug = jira_issue("BILL-611", 611, "Meter emits no usage events for Mistral requests",
                     "Since usage-worker 2.3 went out on 10 January (~14:00 UTC), requests served by Mistral "
                     "produce no meter event: the worker reads usage from a field Mistral does not send. Invoices "
                     "from 10 January understate Mistral tokens (they are missing entirely); OpenAI and Anthropic "
                     "usage is metered normally. A backfill will add the missing usage to the next invoice.",
                     "2028-01-11T16:40:00Z", labels=("bug", "billing"))
    other = linear_issue("GW-2860", "Mistral: streamed tool_calls arrive without arguments",
                         "Streamed Mistral responses with tool calls have empty arguments in the final chunk.",
                         "2028-01-05T10:00:00Z", labels=("bug", "provider:mistral"))
    sp = Statuspage(now)
    inc = sp.incident("mistral", "mq3w5e7r9t1y", "Elevated error rates on Mistral Large", at(D, "17:05"),
                      at(D, "17:50"), "Some requests to Mistral Large fail with 503 errors.")
    # Embondeiro's invoice classifier runs on mistral-large-latest, its chat assistant on gpt-4.1-mini.
    # The single token meter (prompt + completion, cached excluded) has dropped every Mistral request
    # since 10 January 14:00 UTC (BILL-611, open): the invoice of 12 January is below the logs by
    # exactly the Mistral tokens; the gpt-4.1-mini part is right.
    streams = [cycle(stream(a["id"], provider="mistral", model="mistral-large-latest", per_minute=11, p50=1100,
                            p95=2600, prompt=1800, completion=300, config_id="pc-embondeiro-faturas",
                            key="vk-embondeiro-backoffice", sdk="portkey-python/1.15.0"), 11, 22, 0.25),
               cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=8, p50=700, p95=1600, prompt=700,
                            completion=220, config_id="pc-embondeiro-balcao", key="vk-embondeiro-site",
                            sdk="portkey-node/1.12.4"), 11, 23, 0.3),
               stream(b["id"], provider="mistral", model="mistral-small-latest", per_minute=5, prompt=600,
                      completion=120, config_id="pc-jaguar-rotas"),
               stream(b["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=4, p50=500, p95=1200,
                      config_id="pc-jaguar-sac")]
    cfg = [one_target("pc-embondeiro-faturas", a, "faturas", "vk-embondeiro-mistral", "mistral-large-latest", 30000),
           one_target("pc-embondeiro-balcao", a, "balcao", "vk-embondeiro-openai", "gpt-4.1-mini", 30000),
           one_target("pc-jaguar-rotas", b, "rotas", "vk-jaguar-mistral", "mistral-small-latest", 30000),
           one_target("pc-jaguar-sac", b, "sac", "vk-jaguar-anthropic", "claude-haiku-4-5", 20000)]
    bill = {"meter": "llm_tokens", "unit": "tokens", "counts": ["prompt_tokens", "completion_tokens"],
            "cached_tokens": "excluded", "unit_amount_decimal": "0.0002",
            "faults": [{"kind": "dropped", "from": "2028-01-10T14:00:00Z", "to": None,
                        "match": {"provider": "mistral"}}],
            "invoices": [{"id": "in_1Embondeiro0112", "org": a["id"], "status": "open", "from": at(D, "00:00"),
                          "to": "2028-01-13T00:00:00Z"}]}
    t = [ticket(21101, a, "Fatura de 12/01 não fecha com o relatório de uso",
                "Olá, pessoal.\n\nNossa controladoria está conciliando a fatura in_1Embondeiro0112 (dia 12/01) com o "
                "export de uso do painel e o total faturado está bem ABAIXO do que registramos, menos da "
                "metade. Sei que é a nosso favor, mas precisamos que bata para fechar o mês e não queremos uma "
                "cobrança retroativa surpresa depois. Ontem ao fim da tarde (hora de Maputo) vocês tiveram algum "
                "problema com a Mistral? Vi que mexeram no adaptador.\n\nObrigada,\nPatrícia Menezes\n"
                "Controladoria - Embondeiro Contas", "2028-01-13T05:50:00Z", "Patrícia Menezes")]
    return scenario("", "token-billing-known-mistral-usage-dropped-portuguese",
                    "Portuguese ticket (Maputo, UTC+2, no summer time) from a controller whose invoice is about "
                    "half the usage export: an open, filed Jira bug (BILL-611) has the meter emit no usage for "
                    "Mistral requests since 10 January 14:00 UTC, so the invoice of 12 January misses exactly the "
                    "org's Mistral tokens while its gpt-4.1-mini tokens are billed right (known_bug). A Mistral "
                    "adapter deploy, a Mistral Large incident and a Mistral streaming bug are bystanders among 16 "
                    "routine deploys.",
                    now, CO, [a, b], "2028-01-12T00:00:00Z", 21101, streams, [], t,
                    {21101: truth("token-billing", "known_bug",
                                  ["jira:issue:BILL-611", "stripe:invoice:in_1Embondeiro0112"],
                                  [f"github:deployment:{her}", inc, "linear:issue:GW-2860"], ["Mistral"])},
                    github=gh, configs=cfg, billing=bill, statuspage=sp, linear=[other], jira=[bug],
                    docs=[DOC_INVOICES])


def webhook_fallback_not_failed_de():
    """Anthropic overloaded, the fallback served every affected request: they completed, so no
    `request.failed` webhook is sent, as the events doc says."""
    D, now = "2028-01-20", "2028-01-20T13:10:00Z"
    a = org("org_kranich", "Kranich Versicherung", "kranich-versicherung.de", "enterprise")
    b = org("org_otter", "Otter Freight", "otterfreight.co.uk", "scale")
    gh = github(CO, 21201, "2028-01-19T12:00:00Z", now, 22)
    her = gh.deploy(21240, at(D, "09:06"), "webhooks: move delivery workers to the new queue cluster",
                    ["src/webhooks/worker.ts", "deploy/webhooks-queue.yaml"])
    lin = [linear_issue("GW-2877", "Webhook payload omits the fallback target's model",
                        "request.completed payloads name the first target's model even when a fallback served it.",
                        "2028-01-15T10:00:00Z", labels=("bug", "webhooks"))]
    sp = Statuspage(now)
    inc = sp.incident("anthropic", "k2r4n6c8h0a2", "Elevated overloaded errors on Claude Sonnet 4.5",
                      at(D, "09:20"), at(D, "10:05"), "Requests to Claude Sonnet 4.5 see elevated 529 errors.")
    # Kranich's claims assistant (pc-kranich-schaden) is a fallback config: claude-sonnet-4-5 first,
    # gpt-4.1 on 429/500/529. From 09:20 to 10:05 UTC (10:20-11:05 CET) 35% of its Claude requests get
    # 529 and are served by gpt-4.1: they end 200 and send request.completed. Its endpoint subscribes to
    # request.completed and request.failed and answers 200 to every delivery; request.failed arrives
    # only for the few requests that really fail. Working as the events doc says.
    streams = [cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-5", per_minute=16, p50=1600,
                            p95=3600, prompt=2200, completion=450, config_id="pc-kranich-schaden",
                            key="vk-kranich-schaden", sdk="portkey-python/1.15.0"), 7, 17, 0.2),
               stream(a["id"], model="gpt-4.1-mini", per_minute=5, config_id="pc-kranich-intern",
                      key="vk-kranich-intern", sdk="portkey-node/1.12.4"),
               stream(b["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=7, p50=500, p95=1200,
                      config_id="pc-otter-quotes")]
    an = [errors(at(D, "09:20"), at(D, "10:05"), {"config_id": "pc-kranich-schaden"}, 0.35, 529,
                 "provider_overloaded", fallback_to={"provider": "openai", "model": "gpt-4.1"})]
    schaden = config("pc-kranich-schaden", a["id"], "schaden",
                     [target("vk-kranich-anthropic", "claude-sonnet-4-5", 60000, [429, 500, 529]),
                      target("vk-kranich-openai", "gpt-4.1", 60000)], mode="fallback", updated="2027-11-14T10:00:00Z")
    cfg = [schaden,
           one_target("pc-kranich-intern", a, "intern", "vk-kranich-openai", "gpt-4.1-mini", 30000),
           one_target("pc-otter-quotes", b, "quotes", "vk-otter-anthropic", "claude-haiku-4-5", 20000)]
    hook = "https://webhooks.kranich-versicherung.de/relay/ereignisse"
    wh = hooks((a["id"], hook, ["request.completed"], 10, 160),
               (a["id"], hook, ["request.failed"], 0.04, 160),
               (b["id"], "https://hooks.otterfreight.co.uk/relay", ["request.completed", "request.failed"], 5, 140))
    events = doc("docs/webhooks/events.md", "Webhook events",
                 "# Webhook events\n\n| event | sent when |\n|---|---|\n| `request.completed` | a request ends "
                 "with a 2xx answer |\n| `request.failed` | a request ends with an error after every target of its "
                 "config was tried |\n\nA request that a fallback target serves ends with a 2xx answer: it sends "
                 "`request.completed` (with `fallback_used: true`), not `request.failed`. The error of the first "
                 "target is kept in the request log.\n")
    t = [ticket(21201, a, "request.failed Webhooks kommen nicht",
                "Hallo zusammen,\n\nheute Vormittag zwischen ca. 10:20 und 11:00 Uhr hatten wir laut Log-Ansicht "
                "jede Menge 529-Fehler von Anthropic bei der Schadenbearbeitung. Unser Endpunkt für "
                "request.failed hat in der Zeit aber praktisch nichts bekommen (2 Events?!). Unsere "
                "Nachbearbeitung hängt an diesem Webhook. Ist der Versand von Fehler-Events bei euch kaputt? "
                "Ihr habt heute früh laut Changelog auch etwas an den Webhook-Workern geändert.\n\n"
                "Viele Grüße\nJonas Albrecht\nPlattform-Team, Kranich Versicherung", at(D, "12:40"), "Jonas Albrecht")]
    return scenario("", "webhook-failures-fallback-sends-completed-german",
                    "German ticket (CET, winter) saying request.failed webhooks did not come during Anthropic 529s: "
                    "Kranich's fallback config served every 529'd Claude request with gpt-4.1 from 09:20 to 10:05 "
                    "UTC, so those requests completed and sent request.completed, as the events doc says; every "
                    "delivery to the endpoint was answered 200 (expected_behavior). A webhook-worker deploy at "
                    "09:06 and a webhook payload bug are bystanders among 22 routine deploys.",
                    now, CO, [a, b], "2028-01-19T12:00:00Z", 21201, streams, an, t,
                    {21201: truth("webhook-failures", "expected_behavior", ["docs:docs/webhooks/events.md"],
                                  [f"github:deployment:{her}", "linear:issue:GW-2877"], ["request.failed"])},
                    github=gh, webhooks=wh, configs=cfg, linear=lin, statuspage=sp, docs=[events, DOC_WEBHOOKS])


def webhook_delivered_beside_expired_cert_fr_ja():
    """Two orgs: one says its webhooks stopped while every delivery is answered 200; the other's
    endpoint presents an expired certificate from 16:05 UTC."""
    D, now = "2028-08-09", "2028-08-10T07:30:00Z"
    a = org("org_marmotte", "Marmotte Logistique", "marmotte-logistique.fr", "scale")
    b = org("org_kitsune", "Kitsune Studio", "kitsune-studio.jp", "growth")
    c = org("org_pangolin", "Pangolin Pay", "pangolinpay.sg", "enterprise")
    gh = github(CO, 21301, "2028-08-09T04:00:00Z", now, 24)
    her = gh.deploy(21340, at(D, "15:58"), "webhooks: add delivery id to the signature base string",
                    ["src/webhooks/sign.ts", "src/webhooks/sign.test.ts"])
    lin = [linear_issue("GW-2934", "Webhook retries ignore Retry-After from the endpoint",
                        "Retries use the fixed schedule even when the endpoint answers 503 with Retry-After.",
                        "2028-08-01T10:00:00Z", labels=("bug", "webhooks"))]
    # Marmotte's endpoint answers 200 in about 0.2 s to every delivery, before and after 16:00 UTC
    # (18:00 CEST) and the signing deploy of 15:58; its request traffic is lower in the evening, its
    # deliveries go on at their usual rate. Kitsune's endpoint presents an expired certificate from 16:05
    # UTC (01:05 JST): every delivery fails tls_error. Pangolin is fine.
    streams = [cycle(stream(a["id"], per_minute=12, config_id="pc-marmotte-tournees", sdk="portkey-node/1.13.0"),
                     6, 18, 0.3),
               stream(b["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=5, p50=500, p95=1200,
                      config_id="pc-kitsune-npc"),
               stream(c["id"], per_minute=15, config_id="pc-pangolin-risk")]
    cfg = [one_target("pc-marmotte-tournees", a, "tournees", "vk-marmotte-openai", "gpt-4o", 30000),
           one_target("pc-kitsune-npc", b, "npc", "vk-kitsune-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-pangolin-risk", c, "risk", "vk-pangolin-openai", "gpt-4o", 30000)]
    marmotte = "https://hooks.marmotte-logistique.fr/relay/evenements"
    kitsune = "https://relay.kitsune-studio.jp/hooks"
    wh = hooks((a["id"], marmotte, ["request.completed", "request.failed"], 8, 200),
               (b["id"], kitsune, ["request.completed"], 3, 170),
               (c["id"], "https://events.pangolinpay.sg/relay", ["request.completed", "budget.exceeded"], 6, 150),
               anomalies=[failures(at(D, "16:05"), None, kitsune, 1.0, 0, "tls_error")])
    t = [ticket(21301, a, "Plus de webhooks depuis hier soir",
                "Bonjour,\n\nDepuis hier vers 18h (heure de Paris) notre outil de suivi des tournées ne reçoit "
                "plus rien de votre part. On a vu passer un changement sur la signature des webhooks dans votre "
                "changelog, ça tombe pile au même moment... Est-ce que nos événements partent bien ? Notre "
                "endpoint est hooks.marmotte-logistique.fr.\n\nCordialement,\nÉlodie Garnier\n"
                "Responsable SI, Marmotte Logistique", "2028-08-10T06:50:00Z", "Élodie Garnier"),
         ticket(21302, b, "Webhook が届きません",
                "お疲れ様です。昨夜1時ごろから relay.kitsune-studio.jp/hooks に Webhook が一件も届いていません。"
                "こちらのサーバーログにもアクセスがありません。そちらの障害でしょうか？\n\n吉田 海斗\nKitsune Studio",
                "2028-08-10T07:05:00Z", "Kaito Yoshida")]
    return scenario("", "webhook-failures-delivered-beside-expired-cert-french-japanese",
                    "Two orgs, two tickets (Paris summer time, JST): Marmotte says no webhook arrives since 18:00 "
                    "CEST, but every delivery to its endpoint is answered 200 before and after the signing deploy "
                    "of 15:58 UTC (no_fault_found); Kitsune's endpoint presents an expired certificate from 16:05 "
                    "UTC and every delivery fails tls_error (customer_endpoint). A retry bug is a bystander among 24 "
                    "routine deploys.",
                    now, CO, [a, b, c], "2028-08-09T04:00:00Z", 21301, streams, [], t,
                    {21301: truth("webhook-failures", "no_fault_found", [],
                                  [f"github:deployment:{her}", "linear:issue:GW-2934", f"endpoint:{kitsune}"],
                                  ["200"]),
                     21302: truth("webhook-failures", "customer_endpoint", [f"endpoint:{kitsune}"],
                                  [f"github:deployment:{her}", "linear:issue:GW-2934", f"endpoint:{marmotte}"],
                                  ["tls_error"])},
                    github=gh, webhooks=wh, configs=cfg, linear=lin, docs=[DOC_WEBHOOKS])


def metadata_key_there_batch_silent_es():
    """A stale subject from an older thread; the body says tenant_id vanished from the KYC service
    since yesterday. Every request of both services carries it; a nightly batch job that calls us
    through the plain OpenAI SDK has never sent metadata."""
    D, now = "2028-01-26", "2028-01-26T11:40:00Z"
    a = org("org_tordo", "Tordo Finanzas", "tordofinanzas.es", "scale")
    b = org("org_garza", "Garza Viajes", "garzaviajes.com", "growth")
    gh = github(CO, 21401, "2028-01-25T06:00:00Z", now, 15)
    her = gh.deploy(21440, "2028-01-25T16:12:00Z", "logs: index metadata keys for the search box",
                    ["src/logs/search/metadata-index.ts", "ui/logs/search-box.tsx"])
    lin = [linear_issue("GW-2868", "Log filter splits metadata keys that contain a dot",
                        "Filtering on `a.b` searches for key `a` with value `b`.", "2028-01-18T10:00:00Z",
                        labels=("bug", "metadata"))]
    # Tordo's KYC service (portkey-node) and its scoring service (portkey-python) send tenant_id on
    # every request, before and after 17:00 CET (16:00 UTC) on 25 January and the log-search deploy of
    # 16:12 UTC. Its nightly reconciliation job calls the gateway through the plain OpenAI SDK and has
    # never sent metadata (steady, not a drop, and not what the ticket asks about). Nothing is lost.
    streams = [cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=13, config_id="pc-tordo-kyc", key="vk-tordo-kyc",
                            sdk="portkey-node/1.12.4", metadata={"tenant_id": "t-0931", "flow": "kyc"}), 7, 20, 0.3),
               stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=6, p50=500, p95=1200,
                      config_id="pc-tordo-scoring", key="vk-tordo-scoring", sdk="portkey-python/1.15.0",
                      metadata={"tenant_id": "t-0931", "model_tier": "b"}),
               stream(a["id"], model="gpt-4.1", per_minute=1.5, p50=1800, p95=4000, config_id="pc-tordo-lotes",
                      key="vk-tordo-batch", sdk="openai-python/1.52.0", metadata={}),
               stream(b["id"], per_minute=7, config_id="pc-garza-itinerarios", metadata={"market": "mx"})]
    cfg = [one_target("pc-tordo-kyc", a, "kyc", "vk-tordo-openai", "gpt-4.1-mini", 30000),
           one_target("pc-tordo-scoring", a, "scoring", "vk-tordo-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-tordo-lotes", a, "lotes", "vk-tordo-openai", "gpt-4.1", 60000),
           one_target("pc-garza-itinerarios", b, "itinerarios", "vk-garza-openai", "gpt-4o", 30000)]
    t = [ticket(21401, a, "Re: Alta de una nueva virtual key para el entorno de pruebas",
                "Gracias, la clave nueva ya funciona.\n\nAprovecho el hilo para otra cosa: desde ayer a las 17h "
                "(hora de Madrid) no encontramos el tenant_id en los logs de las llamadas del servicio de KYC. "
                "Filtramos por tenant_id = t-0931 y no sale nada. ¿Se está perdiendo la metadata? No hemos "
                "tocado el SDK.\n\nUn saludo,\nMarta Iglesias\nPlataforma, Tordo Finanzas\n\n"
                "> El 22 ene 2028, Soporte escribió:\n> Ya tienes la virtual key vk-tordo-pruebas creada.",
                "2028-01-26T10:55:00Z", "Marta Iglesias")]
    return scenario("", "metadata-key-there-batch-silent-spanish",
                    "Spanish ticket (Madrid winter time) under a stale subject from an older thread, saying tenant_id "
                    "vanished from the KYC service's logs since 17:00: every request of the KYC and scoring services "
                    "carries tenant_id before and after; the nightly batch job on the plain OpenAI SDK has never sent "
                    "metadata, steady (no_fault_found). A log-search deploy at 16:12 UTC and a key-filter bug are "
                    "bystanders among 15 routine deploys.",
                    now, CO, [a, b], "2028-01-25T06:00:00Z", 21401, streams, [], t,
                    {21401: truth("metadata", "no_fault_found", [],
                                  [f"github:deployment:{her}", "linear:issue:GW-2868", "sdk:openai-python/1.52.0",
                                   "config:pc-tordo-lotes"], ["tenant_id"])},
                    github=gh, configs=cfg, linear=lin, docs=[DOC_METADATA])


ALL = [billing_max_tokens_switch_en, billing_known_mistral_dropped_pt, webhook_fallback_not_failed_de,
       webhook_delivered_beside_expired_cert_fr_ja, metadata_key_there_batch_silent_es]

if __name__ == "__main__":
    write_all(ALL)
