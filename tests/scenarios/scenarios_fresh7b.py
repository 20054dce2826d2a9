#!/usr/bin/env python3
"""Eight library scenarios in the thin cells of the metadata, webhook-failures and token-billing
playbooks, written before the engine ran on them: one config of a big org whose edit redacts the
metadata of its requests while the org's other configs keep theirs, metadata lost on every org's
Gemini requests by a bug filed in Jira beside a look-alike fixed in Linear, keys beyond the
documented sixteen per request, one webhook event type every endpoint refuses 413 by a filed bug,
webhooks answered 200 all along while the customer's own queue dropped events, a filed bug on the
cached-input meter of three, an invoice that grew because the customer moved a service to a
reasoning-model config (its Stripe customer found by e-mail domain), and a customer endpoint that
stopped resolving beside our own delivery-timeout deploy (two causes).

March 2029 (the US on summer time from 11 March, Europe from 25 March; Sydney on AEDT until 1 April;
Japan has none) and November 2029 (the US back on standard time from 4 November, Europe from 28
October; Brazil has no summer time). Every truth below is read from the data declared next to it
(anomalies, configs, meters and their faults, webhook failures, deploys, issues, incidents, docs).
Run it to rewrite the JSON files."""
from compose import *  # noqa: F401,F403
from scenarios_fresh import cycle, failures, hooks
from scenarios_fresh3a import jira_issue
from scenarios_fresh4a import meter

CO = {"name": "Relay AI", "github_repo": "relay-ai/gateway"}

PAGES.setdefault("google-cloud", ("gc5v8x2z4b6n", "Google Cloud", "https://status.cloud.google.com",
                                  ["Vertex AI Gemini API", "Vertex AI Model Garden", "Cloud Run"]))


def metadata_config_redacts_ja():
    """A big org (five configs, four keys, a 3% background error rate): its call-centre config was
    edited to redact metadata; the org's other configs on the same SDK keep theirs."""
    D, now = "2029-03-14", "2029-03-14T06:30:00Z"
    a = org("org_hayabusa", "Hayabusa Denki", "hayabusa-denki.co.jp", "enterprise")
    b = org("org_tanuki", "Tanuki Games", "tanuki-games.jp", "scale")
    gh = github(CO, 27101, "2029-03-13T04:00:00Z", now, 18)
    her = gh.deploy(27140, at(D, "02:18"), "logs: move request metadata to its own column family",
                    ["src/logs/storage/schema.ts", "src/logs/storage/metadata-columns.ts"])
    lin = [linear_issue("GW-3302", "Logs view: metadata filter drops non-ASCII values",
                        "Filtering logs by a metadata value with Japanese characters returns nothing.",
                        "2029-03-05T10:00:00Z", labels=("bug", "dashboard"))]
    sp = Statuspage(now)
    inc = sp.incident("openai", "h4y6b8s0a2d4", "Elevated errors on GPT-4.1 mini", at(D, "01:10"), at(D, "01:50"),
                      "Some requests to GPT-4.1 mini fail with 500 errors.")
    # Hayabusa runs five services through five configs and four virtual keys, all on
    # portkey-python/1.18.0, every request with its metadata (dept, ticket_no or job), a 3%
    # background error rate and an office-hours cycle (10:00-18:00 JST = 01:00-09:00 UTC). At 02:35
    # UTC (11:35 JST) its config pc-hayabusa-callcenter was edited: `"redact_metadata": true`, which
    # the metadata doc says removes the metadata of the requests that use it before they are logged.
    # From 02:35 every request of that config has none; the other four configs, same SDK and route,
    # keep theirs. The logs-storage deploy of 02:18 would touch every config of every org.
    sdk = "portkey-python/1.18.0"
    streams = [cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=14, p50=700, p95=1700, error_rate=0.03,
                            config_id="pc-hayabusa-callcenter", key="vk-hayabusa-support", sdk=sdk,
                            metadata={"dept": "callcenter", "ticket_no": "HD-88412"}), 1, 9, 0.3),
               cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=8, p50=700, p95=1700, error_rate=0.03,
                            config_id="pc-hayabusa-faq", key="vk-hayabusa-support", sdk=sdk,
                            metadata={"dept": "faq", "ticket_no": "HD-00000"}), 1, 9, 0.3),
               cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=6, p50=1500, p95=3400,
                            error_rate=0.03, config_id="pc-hayabusa-sekkei", key="vk-hayabusa-eng", sdk=sdk,
                            metadata={"dept": "sekkei", "job": "review"}), 1, 9, 0.3),
               stream(a["id"], model="gpt-4.1", per_minute=4, p50=1300, p95=3000, error_rate=0.03,
                      config_id="pc-hayabusa-hinshitsu", key="vk-hayabusa-eng", sdk=sdk,
                      metadata={"dept": "hinshitsu", "job": "nightly"}),
               stream(a["id"], route="/v1/embeddings", model="text-embedding-3-large", per_minute=6, p50=120,
                      p95=300, prompt=600, completion=0, error_rate=0.03, config_id="pc-hayabusa-search",
                      key="vk-hayabusa-search", sdk=sdk, metadata={"dept": "search"}),
               stream(b["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=7, p50=500, p95=1200,
                      config_id="pc-tanuki-npc", metadata={"world": "w3"})]
    an = [metadata_dropped(at(D, "02:35"), None, {"config_id": "pc-hayabusa-callcenter"})]
    cc = config("pc-hayabusa-callcenter", a["id"], "callcenter",
                [target("vk-hayabusa-openai", "gpt-4.1-mini", 30000)], updated=at(D, "02:35"))
    cc["config"]["redact_metadata"] = True
    cfg = [cc, one_target("pc-hayabusa-faq", a, "faq", "vk-hayabusa-openai", "gpt-4.1-mini", 30000),
           one_target("pc-hayabusa-sekkei", a, "sekkei", "vk-hayabusa-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-hayabusa-hinshitsu", a, "hinshitsu", "vk-hayabusa-openai", "gpt-4.1", 60000),
           one_target("pc-hayabusa-search", a, "search", "vk-hayabusa-openai", "text-embedding-3-large", 10000),
           one_target("pc-tanuki-npc", b, "npc", "vk-tanuki-anthropic", "claude-haiku-4-5", 20000)]
    meta_doc = doc("docs/observability/metadata.md", "Custom metadata",
                   "# Custom metadata\n\nSend metadata as a JSON object in the `x-portkey-metadata` header or the "
                   "SDK's `metadata` option; it is stored with the request log. Keys are case sensitive, values at "
                   "most 128 characters.\n\n## Redacting metadata\n\nA config with `\"redact_metadata\": true` "
                   "removes the metadata of every request that uses it before the request is logged: the request "
                   "is served as usual and its log row has no metadata. Teams that handle personal data set it on "
                   "the configs whose callers may put such data in metadata.\n")
    t = [ticket(27101, a, "コールセンター系リクエストのメタデータが表示されません",
                "ご担当者様\n\nいつもお世話になっております。隼電機 DX推進部の中村です。\n\n"
                "本日11時半ごろ（日本時間）から、コールセンター向けサービスのリクエストログに dept と ticket_no "
                "が一切表示されなくなりました。FAQ・設計レビュー・品質・検索の各サービスは従来どおり表示されて"
                "おります。SDK はすべて同じバージョンで、当方では何も変更しておりません。\n"
                "御社のリリースノートに本日ログ保存の変更があったと記載されておりましたが、その影響でしょうか。\n\n"
                "監査対応で ticket_no が必要なため、至急ご確認いただけますと幸いです。\n\n"
                "中村 亮\n隼電機株式会社 DX推進部", at(D, "05:40"), "Ryo Nakamura", priority="high")]
    return scenario("", "metadata-config-redacts-big-org-japanese",
                    "Japanese ticket (JST) from a big org with five configs, four keys and a 3% background error "
                    "rate: its call-centre config pc-hayabusa-callcenter was edited at 02:35 UTC to "
                    "`redact_metadata: true`, which the metadata doc describes, so its requests have no metadata "
                    "from then; the other four configs on the same SDK keep theirs (customer_config). A "
                    "logs-storage deploy at 02:18 the customer suspects, a GPT-4.1 mini incident and a logs-filter "
                    "bug are bystanders among 18 routine deploys.",
                    now, CO, [a, b], "2029-03-13T04:00:00Z", 27101, streams, an, t,
                    {27101: truth("metadata", "customer_config", ["config:pc-hayabusa-callcenter"],
                                  [f"github:deployment:{her}", "linear:issue:GW-3302", inc,
                                   "config:pc-hayabusa-faq", "config:pc-hayabusa-sekkei"],
                                  ["redact_metadata", "02:35"])},
                    github=gh, configs=cfg, linear=lin, statuspage=sp, docs=[meta_doc])


def metadata_known_gemini_jira_en():
    """Every org's Gemini requests are logged without metadata since a logs-ingestion change; a
    Jira issue describes it, a Linear issue about Anthropic metadata was fixed weeks ago."""
    Y, D, now = "2029-11-05", "2029-11-06", "2029-11-06T16:30:00Z"
    a = org("org_cobalt", "Cobalt Ridge Insurance", "cobaltridge.com", "enterprise")
    b = org("org_dunlin", "Dunlin Media", "dunlinmedia.co", "scale")
    c = org("org_egret", "Egret Labs", "egretlabs.ai", "growth")
    gh = github(CO, 27201, "2029-11-04T18:00:00Z", now, 24)
    her = gh.deploy(27240, at(Y, "15:02"), "google adapter: pass thinking_budget through to Gemini",
                    ["src/providers/google/request.ts", "src/providers/google/request.test.ts"])
    bug = jira_issue("LOGS-412", 412, "Custom metadata missing from logs of Gemini (google) requests",
                     "Since about 15:30 UTC on 5 November, requests served by the google provider (Gemini models) "
                     "are logged without their custom metadata, whatever the SDK or header; OpenAI and Anthropic "
                     "requests keep it. Suspected: the logs-ingestion mapping change of that afternoon (no gateway "
                     "deploy). Metadata is still forwarded to the provider; only the log row misses it.",
                     "2029-11-05T19:20:00Z", labels=("bug", "logs", "metadata"))
    fixed = linear_issue("GW-3244", "Metadata dropped on Anthropic requests that use tools",
                         "Anthropic requests with tool definitions lost their metadata in the logs.",
                         "2029-10-08T10:00:00Z", state="Done", labels=("bug", "metadata"),
                         completed="2029-10-11T10:00:00Z")
    sp = Statuspage(now)
    inc = sp.incident("google-cloud", "g3m5n7b9v1c3", "Elevated latency on Gemini 2.5 Pro", at(Y, "11:00"),
                      at(Y, "11:45"), "Some Gemini 2.5 Pro requests are slower than usual.",
                      component="Vertex AI Gemini API")
    # From 15:30 UTC on 5 November (09:30 CST in Chicago) every org's requests to the google
    # provider carry no metadata in the logs: Cobalt's claims summariser (gemini-2.5-flash) and
    # Egret's tagger; Cobalt's gpt-4.1-mini intake and Dunlin's Claude traffic keep theirs. The
    # Gemini adapter deploy went live 28 minutes before the drop; traffic never stops on that
    # provider, so a deploy that broke it would show within minutes. LOGS-412 (open) says so.
    streams = [stream(a["id"], provider="google", model="gemini-2.5-flash", per_minute=9, p50=900, p95=2200,
                      config_id="pc-cobalt-claims", key="vk-cobalt-claims", sdk="portkey-python/1.19.0",
                      metadata={"claim_id": "CR-55120", "region": "midwest"}),
               cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=11, p50=600, p95=1500,
                            config_id="pc-cobalt-intake", key="vk-cobalt-web", sdk="portkey-node/1.16.1",
                            metadata={"claim_id": "CR-55121", "channel": "web"}), 14, 23, 0.3),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=8, p50=1400, p95=3200,
                      config_id="pc-dunlin-desk", metadata={"desk": "news"}),
               stream(c["id"], provider="google", model="gemini-2.5-flash", per_minute=5, p50=900, p95=2200,
                      config_id="pc-egret-tagger", metadata={"dataset": "v7"})]
    an = [metadata_dropped(at(Y, "15:30"), None, {"provider": "google"})]
    cfg = [one_target("pc-cobalt-claims", a, "claims", "vk-cobalt-google", "gemini-2.5-flash", 30000),
           one_target("pc-cobalt-intake", a, "intake", "vk-cobalt-openai", "gpt-4.1-mini", 30000),
           one_target("pc-dunlin-desk", b, "desk", "vk-dunlin-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-egret-tagger", c, "tagger", "vk-egret-google", "gemini-2.5-flash", 30000)]
    t = [ticket(27201, a, "Re: SOC 2 Type II report for our vendor review",
                "Thanks, got the report.\n\nSeparate issue while I have you: since yesterday morning (around 9:30 "
                "Chicago time) the claims summarizer's requests show up in your logs with no metadata at all - "
                "claim_id and region are just gone. Our intake service still has claim_id on every request. "
                "Summarizer is the Gemini one; we did not change anything there, same portkey-python since "
                "October. I did see you shipped something to the Google adapter yesterday.\n\nWe reconcile "
                "claims on claim_id, so this is blocking month-end.\n\nRegards,\nTravis Holm\nPlatform team, "
                "Cobalt Ridge Insurance\n\n> On Nov 1, 2029, Relay Support wrote:\n> Please find the SOC 2 Type II "
                "report attached.", at(D, "15:45"), "Travis Holm")]
    return scenario("", "metadata-known-gemini-jira-stale-subject-english",
                    "English ticket (Chicago, a day after the US went back to standard time) under a stale SOC 2 "
                    "subject: every org's requests to Gemini (provider google) are logged without metadata from "
                    "15:30 UTC on 5 November, other providers keep it; the open Jira issue LOGS-412 describes "
                    "exactly that (known_bug). A Gemini adapter deploy 28 minutes before, a fixed Linear bug on "
                    "Anthropic metadata and a Gemini 2.5 Pro latency incident are bystanders among 24 routine "
                    "deploys.",
                    now, CO, [a, b, c], "2029-11-05T11:00:00Z", 27201, streams, an, t,
                    {27201: truth("metadata", "known_bug", ["jira:issue:LOGS-412"],
                                  [f"github:deployment:{her}", "linear:issue:GW-3244", inc, "config:pc-cobalt-intake"],
                                  ["15:30"])},
                    github=gh, configs=cfg, jira=[bug], linear=[fixed], statuspage=sp, docs=[DOC_METADATA])


SIXTEEN = {"shop": "de", "kanal": "web", "sitzung": "s-77a1", "kunde": "k-3094", "warenkorb": "wk-18",
           "seite": "produkt", "sprache": "de-DE", "geraet": "mobile", "version": "5.2.0", "team": "shop",
           "kostenstelle": "4410", "umgebung": "prod", "mandant": "auerhahn", "region": "eu-central",
           "feature": "beratung", "anfrage_typ": "chat"}


def metadata_key_limit_de():
    """The customer sends eighteen metadata keys; the docs store the first sixteen of a request.
    Every request carries those sixteen, before and after the deploy it suspects."""
    D, now = "2029-03-20", "2029-03-20T14:20:00Z"
    a = org("org_auerhahn", "Auerhahn Versand", "auerhahn-versand.de", "scale")
    b = org("org_brombeer", "Brombeer Medien", "brombeer-medien.at", "growth")
    gh = github(CO, 27301, "2029-03-19T08:00:00Z", now, 16)
    her = gh.deploy(27340, at(D, "08:40"), "logs: show metadata as a key/value table in the request drawer",
                    ["ui/logs/request-drawer/metadata-table.tsx", "src/logs/api/request.ts"])
    trunc = linear_issue("GW-3320", "Metadata values over 128 characters are cut without a warning",
                         "Values longer than 128 characters are truncated silently; the docs state the limit.",
                         "2029-03-12T10:00:00Z", labels=("bug", "metadata"))
    # Auerhahn's shop adviser (portkey-node) sends 18 keys; the gateway stores the first 16 of a
    # request, as the metadata doc says, so `kampagne` and `testgruppe` (17th and 18th) are on no
    # request, ever, while the 16 stored keys are on every one, before and after 09:40 CET (08:40
    # UTC, the request-drawer deploy). Its returns service sends three keys, all stored. Nothing
    # changed and nothing is dropped beyond the documented limit.
    streams = [cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=13, p50=700, p95=1700,
                            config_id="pc-auerhahn-beratung", key="vk-auerhahn-shop", sdk="portkey-node/1.17.0",
                            metadata=dict(SIXTEEN)), 7, 19, 0.25),
               stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=4, p50=500, p95=1200,
                      config_id="pc-auerhahn-retouren", key="vk-auerhahn-backoffice", sdk="portkey-python/1.18.0",
                      metadata={"shop": "de", "kanal": "retoure", "mandant": "auerhahn"}),
               stream(b["id"], per_minute=6, config_id="pc-brombeer-redaktion", metadata={"ressort": "kultur"})]
    cfg = [one_target("pc-auerhahn-beratung", a, "beratung", "vk-auerhahn-openai", "gpt-4.1-mini", 30000),
           one_target("pc-auerhahn-retouren", a, "retouren", "vk-auerhahn-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-brombeer-redaktion", b, "redaktion", "vk-brombeer-openai", "gpt-4o", 30000)]
    meta_doc = doc("docs/observability/metadata.md", "Custom metadata",
                   "# Custom metadata\n\nSend metadata as a JSON object in the `x-portkey-metadata` header or the "
                   "SDK's `metadata` option; it is stored with the request log.\n\n## Limits\n\n- At most 16 keys "
                   "per request. Keys beyond the sixteenth, in the order they were sent, are not stored; the "
                   "request itself is served as usual.\n- Keys are case sensitive, at most 64 characters.\n- "
                   "Values are strings of at most 128 characters.\n")
    t = [ticket(27301, a, "Metadaten-Felder kampagne / testgruppe fehlen",
                "Hallo Relay-Team,\n\nwir schicken bei unserem Shop-Berater seit Anfang der Woche zwei zusätzliche "
                "Metadaten mit, `kampagne` und `testgruppe`, damit Marketing die A/B-Tests auswerten kann. In euren "
                "Logs tauchen die beiden aber nirgends auf, die übrigen Felder (shop, kanal, sitzung usw.) sind "
                "da. Im Request sind sie definitiv drin, das sehen wir in unserem eigenen Log. Heute früh um 9:40 "
                "habt ihr die Metadaten-Ansicht umgebaut – hängt das damit zusammen?\n\nDanke und Grüße\n"
                "Lena Hartmann\nE-Commerce Engineering, Auerhahn Versand GmbH", at(D, "13:05"), "Lena Hartmann")]
    return scenario("", "metadata-key-limit-sixteen-german",
                    "German ticket (CET, before Europe's switch to summer time): two metadata keys the customer "
                    "added, `kampagne` and `testgruppe`, never appear in the logs; its shop adviser sends 18 keys and "
                    "the metadata doc stores the first 16 of a request, which are on every request before and after "
                    "the request-drawer deploy of 08:40 UTC (expected_behavior). The deploy the customer suspects "
                    "and a truncation bug are bystanders among 16 routine deploys.",
                    now, CO, [a, b], "2029-03-19T09:00:00Z", 27301, streams, [], t,
                    {27301: truth("metadata", "expected_behavior", ["docs:docs/observability/metadata.md"],
                                  [f"github:deployment:{her}", "linear:issue:GW-3320"], ["16"])},
                    github=gh, configs=cfg, linear=[trunc], docs=[meta_doc])


def event_failures(start, end, event, rate, status, error):
    return {"kind": "failures", "from": start, "to": end, "match": {"event": event}, "rate": rate,
            "status": status, "error": error}


def webhook_known_batch_413_fr():
    """Question form: every endpoint refuses batch.completed deliveries 413 since the batch payload
    began to embed the results (an infrastructure change); a Linear issue is filed. The same
    endpoints' request.completed deliveries keep succeeding."""
    Y, D, now = "2029-11-19", "2029-11-20", "2029-11-20T10:30:00Z"
    a = org("org_heron", "Héron Données", "heron-donnees.fr", "scale")
    b = org("org_ibis", "Ibis Conseil", "ibis-conseil.be", "enterprise")
    c = org("org_jacana", "Jacana Travel", "jacanatravel.co.uk", "growth")
    gh = github(CO, 27401, "2029-11-19T06:00:00Z", now, 20)
    her = gh.deploy(27440, at(Y, "21:12"), "webhooks: retry 408 answers with jittered backoff",
                    ["src/webhooks/retry.ts", "src/webhooks/retry.test.ts"])
    bug = linear_issue("GW-3388", "batch.completed webhooks rejected with 413: payload embeds the batch results",
                       "Since the batch service v3 roll-out on 19 November (~21:40 UTC, infrastructure, no gateway "
                       "deploy), batch.completed events carry the full results inline. Most receivers reject the "
                       "body as too large (413) and every retry fails the same way. Other event types are not "
                       "affected. Fix: send a results URL instead.", "2029-11-20T08:15:00Z",
                       labels=("bug", "webhooks"))
    other = linear_issue("GW-3351", "request.failed payload misses the provider's error body",
                         "request.failed events carry the status but not the provider's error message.",
                         "2029-10-28T10:00:00Z", state="Done", labels=("bug", "webhooks"),
                         completed="2029-11-02T10:00:00Z")
    # From 21:40 UTC on 19 November (22:40 in Paris) every batch.completed delivery to every endpoint is
    # answered 413 (Héron's and Ibis's endpoints alike); request.completed deliveries to the same
    # endpoints succeed and Jacana, which does not subscribe to batch.completed, is fine. The retry
    # deploy at 21:12 touched 408 retries only. GW-3388 (open) describes the fault.
    streams = [stream(a["id"], route="/v1/batches", model="gpt-4.1-mini", per_minute=2, p50=400, p95=900,
                      config_id="pc-heron-lots", key="vk-heron-batch", sdk="portkey-python/1.19.0"),
               stream(a["id"], model="gpt-4.1-mini", per_minute=9, config_id="pc-heron-assistant",
                      key="vk-heron-web", sdk="portkey-node/1.16.1"),
               stream(b["id"], per_minute=10, config_id="pc-ibis-audit"),
               stream(c["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=5, p50=500, p95=1200,
                      config_id="pc-jacana-trips")]
    cfg = [one_target("pc-heron-lots", a, "lots", "vk-heron-openai", "gpt-4.1-mini", 60000),
           one_target("pc-heron-assistant", a, "assistant", "vk-heron-openai", "gpt-4.1-mini", 30000),
           one_target("pc-ibis-audit", b, "audit", "vk-ibis-openai", "gpt-4o", 30000),
           one_target("pc-jacana-trips", c, "trips", "vk-jacana-anthropic", "claude-haiku-4-5", 20000)]
    heron = "https://api.heron-donnees.fr/relay/evenements"
    heron_ops = "https://ops.heron-donnees.fr/relay/alertes"
    ibis = "https://hooks.ibis-conseil.be/relay"
    wh = hooks((a["id"], heron, ["request.completed"], 6, 180),
               (a["id"], heron, ["batch.completed"], 0.6, 180),
               (a["id"], heron_ops, ["request.failed", "budget.exceeded"], 0.5, 160),
               (b["id"], ibis, ["request.completed"], 5, 150),
               (b["id"], ibis, ["batch.completed"], 0.5, 150),
               (c["id"], "https://events.jacanatravel.co.uk/relay", ["request.completed"], 3, 140),
               anomalies=[event_failures(at(Y, "21:40"), None, "batch.completed", 1.0, 413, "")])
    t = [ticket(27401, a, "batch.completed : avez-vous modifié quelque chose ?",
                "Bonjour,\n\nEst-ce que quelque chose a changé de votre côté pour les événements batch.completed ? "
                "Depuis hier soir, vers 22h40 (heure de Paris), notre intégration ne reçoit plus aucune fin de lot ; "
                "dans votre tableau de bord, chaque tentative vers api.heron-donnees.fr apparaît en échec. Les "
                "request.completed arrivent pourtant toujours sur le même endpoint, et nous n'avons rien déployé "
                "hier. J'ai vu passer une modification des relances dans votre journal des changements, "
                "est-ce lié ?\n\nMerci d'avance,\nAntoine Mercier\nIngénierie données, Héron Données",
                at(D, "09:20"), "Antoine Mercier")]
    return scenario("", "webhook-failures-known-batch-413-french-question",
                    "French ticket asked as a question (Paris winter time): from 21:40 UTC every endpoint answers "
                    "413 to every batch.completed delivery, Héron's and Ibis's alike, while request.completed "
                    "deliveries to the same endpoints succeed; the open issue GW-3388 (batch payloads embed the "
                    "results since an infrastructure roll-out) describes it (known_bug). A 408-retry deploy at "
                    "21:12, a fixed request.failed payload bug and the org's alerts endpoint are bystanders among 20 "
                    "routine deploys.",
                    now, CO, [a, b, c], "2029-11-19T06:00:00Z", 27401, streams, [], t,
                    {27401: truth("webhook-failures", "known_bug", ["linear:issue:GW-3388"],
                                  [f"github:deployment:{her}", "linear:issue:GW-3351", f"endpoint:{heron_ops}"],
                                  ["413", "batch.completed"])},
                    github=gh, webhooks=wh, configs=cfg, linear=[bug, other], docs=[DOC_WEBHOOKS])


def webhook_delivered_own_queue_sydney_en():
    """Every delivery to the customer's endpoint is answered 200; the customer's pasted worker log
    shows its own Redis queue refusing writes. A webhook deploy the night before is a bystander."""
    D, now = "2029-03-07", "2029-03-07T02:10:00Z"
    a = org("org_wattle", "Wattle Health", "wattlehealth.com.au", "enterprise")
    b = org("org_kowhai", "Kowhai Energy", "kowhai.co.nz", "scale")
    c = org("org_banksia", "Banksia Learning", "banksia.edu.au", "growth")
    gh = github(CO, 27501, "2029-03-06T06:00:00Z", now, 17)
    her = gh.deploy(27540, "2029-03-06T22:48:00Z", "webhooks: add x-relay-attempt header to deliveries",
                    ["src/webhooks/deliver.ts", "src/webhooks/headers.ts"])
    lin = [linear_issue("GW-3311", "Webhook delivery log shows times in the browser's zone without a label",
                        "The delivery log lists attempt times in local time but labels them UTC.",
                        "2029-02-27T10:00:00Z", labels=("bug", "dashboard"))]
    pd = [pd_incident("PWHS0306", 9311, "Webhook queue lag above 60 s", "2029-03-06T14:05:00Z",
                      "2029-03-06T14:30:00Z", "webhooks-worker")]
    # Wattle's endpoint answers 200 in about 0.25 s to every delivery all along, before and after
    # 23:00 UTC (10:00 AEDT on 7 March) and the header deploy of 22:48. Its pasted worker log shows
    # its own Redis refusing writes (maxmemory): events acknowledged with 200, then lost inside its
    # own pipeline. Kowhai's endpoint times out from 20:00 (its own); Banksia is fine.
    streams = [cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=10, p50=1400,
                            p95=3200, config_id="pc-wattle-triage", key="vk-wattle-clinical",
                            sdk="portkey-python/1.18.0"), 1, 8, 0.4),
               stream(a["id"], model="gpt-4.1-mini", per_minute=5, config_id="pc-wattle-portal",
                      key="vk-wattle-web", sdk="portkey-node/1.16.1"),
               stream(b["id"], per_minute=7, config_id="pc-kowhai-billing"),
               stream(c["id"], per_minute=4, config_id="pc-banksia-tutor")]
    cfg = [one_target("pc-wattle-triage", a, "triage", "vk-wattle-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-wattle-portal", a, "portal", "vk-wattle-openai", "gpt-4.1-mini", 30000),
           one_target("pc-kowhai-billing", b, "billing", "vk-kowhai-openai", "gpt-4o", 30000),
           one_target("pc-banksia-tutor", c, "tutor", "vk-banksia-openai", "gpt-4o", 30000)]
    wattle = "https://integrations.wattlehealth.com.au/relay/events"
    kowhai = "https://hooks.kowhai.co.nz/relay"
    wh = hooks((a["id"], wattle, ["request.completed", "request.failed"], 8, 250),
               (b["id"], kowhai, ["request.completed"], 4, 300),
               (c["id"], "https://lms.banksia.edu.au/hooks/relay", ["request.completed"], 2, 130),
               anomalies=[failures("2029-03-06T20:00:00Z", None, kowhai, 1.0, 0, "timeout")])
    t = [ticket(27501, a, "Missing webhook events since your deploy",
                "Hi team,\n\nFrom about 10am Sydney time this morning our triage pipeline has been missing a big "
                "chunk of request.completed events (we count maybe 60% of what we expect). This started right "
                "after your release adding the attempt header, so I'm assuming that's related - maybe our "
                "receiver chokes on it?\n\nFrom our worker log:\n\n"
                "```\n2029-03-07T10:02:41+11:00 hook-worker-2 INFO  POST /relay/events 200 (12ms)\n"
                "2029-03-07T10:02:41+11:00 hook-worker-2 ERROR enqueue failed: OOM command not allowed when used "
                "memory > 'maxmemory'\n2029-03-07T10:02:43+11:00 hook-worker-1 INFO  POST /relay/events 200 (9ms)\n"
                "```\n\nCan you check on your side and roll back if needed?\n\nThanks,\nPriya Raman\nIntegration "
                "Engineering, Wattle Health", at(D, "01:30"), "Priya Raman")]
    return scenario("", "webhook-failures-delivered-own-queue-sydney-english",
                    "English ticket (Sydney, AEDT) saying 40% of request.completed events go missing since a header "
                    "deploy: every delivery to Wattle's endpoint is answered 200 before and after it, and the "
                    "customer's own pasted worker log shows its Redis queue refusing writes after answering 200 "
                    "(no_fault_found). The header deploy at 22:48 UTC, another org's timing-out endpoint, a "
                    "delivery-log bug and a queue-lag page the afternoon before are bystanders among 17 routine "
                    "deploys.",
                    now, CO, [a, b, c], "2029-03-06T06:00:00Z", 27501, streams, [], t,
                    {27501: truth("webhook-failures", "no_fault_found", [],
                                  [f"github:deployment:{her}", "linear:issue:GW-3311", "pagerduty:incident:PWHS0306",
                                   f"endpoint:{kowhai}"], ["200"])},
                    github=gh, webhooks=wh, configs=cfg, linear=lin, pagerduty=pd, docs=[DOC_WEBHOOKS])


DOC_THREE_LINES = doc("docs/billing/token-meters.md", "How tokens are invoiced",
                      "# How tokens are invoiced\n\nEvery daily invoice (UTC day) has three usage lines. **Input "
                      "tokens** counts the prompt tokens of every request minus the tokens the provider read from its "
                      "prompt cache. **Output tokens** counts completion tokens. **Cached input tokens** counts the "
                      "cache reads, at 10% of the input price. Each line should equal the request logs of the same "
                      "UTC day.\n")


def billing_known_cached_meter_pt():
    """Three meters; an open, filed bug has the cached-input meter count every cache read twice. The
    customer suspects the output line (a new model's longer answers)."""
    D, now = "2029-11-13", "2029-11-14T04:00:00Z"
    a = org("org_ipe", "Ipê Saúde Digital", "ipesaude.com.br", "enterprise")
    b = org("org_quati", "Quati Pagamentos", "quati.com.br", "scale")
    gh = github(CO, 27601, "2029-11-12T20:00:00Z", now, 15)
    her = gh.deploy(27640, at(D, "13:05"), "invoices: show price nicknames on invoice PDFs",
                    ["src/billing/invoice-pdf.ts", "src/billing/invoice-pdf.test.ts"])
    bug = linear_issue("GW-3402", "Cached input meter counts cache reads twice",
                       "Since meter-worker 5.2 went out on 9 November (~12:00 UTC), every request's cache reads are "
                       "sent to the cached-input meter twice (once from the usage block, once from the cache "
                       "summary). The Cached input tokens line of invoices from 9 November on is twice the logs' "
                       "cached_tokens; the input and output lines are right. Fix in review; a credit note follows.",
                       "2029-11-10T14:30:00Z", labels=("bug", "billing"))
    ui = linear_issue("GW-3371", "Usage page: output tokens chart shows the previous day",
                      "The output tokens chart on the usage page is shifted by one day.", "2029-11-01T10:00:00Z",
                      labels=("bug", "usage-ui"))
    sp = Statuspage(now)
    inc = sp.incident("anthropic", "i9p1e3s5a7u9", "Elevated errors on Claude Opus 4.1", at(D, "17:20"),
                      at(D, "18:05"), "We are seeing elevated error rates on Claude Opus 4.1.")
    # Ipê: a clinical summariser on Claude Sonnet with a 55% prompt-cache share, a triage bot on
    # gpt-4.1-mini with 20%. Three meters (input = prompt minus cache reads, output, cached input at
    # a tenth). The cached-input meter counts every cache read twice since 9 November 12:00 UTC
    # (GW-3402, open): on the invoice of 13 November the cached line is 2x the logs' cached_tokens;
    # input and output lines equal the logs.
    streams = [cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=9, p50=1600,
                            p95=3800, prompt=6000, completion=700, cached=0.55, config_id="pc-ipe-resumos",
                            key="vk-ipe-clinico", sdk="portkey-python/1.19.0"), 11, 22, 0.3),
               stream(a["id"], model="gpt-4.1-mini", per_minute=7, p50=600, p95=1500, prompt=1500, completion=250,
                      cached=0.2, config_id="pc-ipe-triagem", key="vk-ipe-app", sdk="portkey-node/1.16.1"),
               stream(b["id"], per_minute=8, prompt=1200, completion=300, cached=0.3, config_id="pc-quati-antifraude")]
    cfg = [one_target("pc-ipe-resumos", a, "resumos", "vk-ipe-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-ipe-triagem", a, "triagem", "vk-ipe-openai", "gpt-4.1-mini", 30000),
           one_target("pc-quati-antifraude", b, "antifraude", "vk-quati-openai", "gpt-4o", 30000)]
    bill = {"meter": "llm_input_tokens", "unit": "tokens", "counts": ["prompt_tokens"], "cached_tokens": "excluded",
            "unit_amount_decimal": "0.0003", "faults": [],
            "meters": [meter("llm_input_tokens", "Input tokens", ["prompt_tokens"], amount="0.0003"),
                       meter("llm_output_tokens", "Output tokens", ["completion_tokens"], amount="0.0015"),
                       meter("llm_cached_input_tokens", "Cached input tokens", ["cached_tokens"], amount="0.00003",
                             faults=[{"kind": "double_count", "from": "2029-11-09T12:00:00Z", "to": None,
                                      "match": {}}])],
            "invoices": [{"id": "in_1Ipe1113", "org": a["id"], "status": "open", "from": at(D, "00:00"),
                          "to": "2029-11-14T00:00:00Z"}]}
    t = [ticket(27601, a, "Fatura in_1Ipe1113 acima do nosso controle",
                "Bom dia,\n\nA fatura in_1Ipe1113 (13/11) veio acima do que o nosso controle interno calcula a partir "
                "do uso registrado por requisição. Desconfio da linha de tokens de saída: trocamos o resumo "
                "clínico para o Claude Sonnet novo na semana passada e as respostas ficaram mais longas, talvez "
                "vocês estejam contando os tokens de raciocínio à parte. Podem conferir linha a linha? Precisamos "
                "fechar o mês até sexta.\n\nAtenciosamente,\nCarolina Duarte\nFinanças e TI, Ipê Saúde Digital",
                "2029-11-14T03:20:00Z", "Carolina Duarte")]
    return scenario("", "token-billing-known-cached-meter-bug-portuguese",
                    "Portuguese ticket (Brasília, no summer time) about an invoice above the customer's own count, "
                    "suspecting the output line: of three metered lines the cached-input line is twice the logs' "
                    "cache reads, the input and output lines are right; the open issue GW-3402 (the cached-input "
                    "meter counts cache reads twice since 9 November) describes it (known_bug). An invoice-PDF "
                    "deploy, an Opus incident and a usage-page bug are bystanders among 15 routine deploys.",
                    now, CO, [a, b], "2029-11-13T00:00:00Z", 27601, streams, [], t,
                    {27601: truth("token-billing", "known_bug", ["linear:issue:GW-3402", "stripe:invoice:in_1Ipe1113"],
                                  [f"github:deployment:{her}", "linear:issue:GW-3371", inc], ["cached"])},
                    github=gh, configs=cfg, billing=bill, linear=[bug, ui], statuspage=sp,
                    docs=[DOC_THREE_LINES])


def billing_reasoning_config_switch_es():
    """The appraisal service moved to a config on a reasoning model with high effort; each request
    now returns several times the completion tokens. The invoice bills what the logs show. The
    Stripe customer has no org_id metadata: it is found by the org's e-mail domain."""
    D, now = "2029-11-27", "2029-11-28T05:50:00Z"
    a = org("org_alcotan", "Alcotán Seguros", "alcotanseguros.es", "scale")
    b = org("org_mirlo", "Mirlo Transportes", "mirlotransportes.es", "growth")
    gh = github(CO, 27701, "2029-11-26T22:00:00Z", now, 18)
    her = gh.deploy(27740, at(D, "09:58"), "meters: aggregate usage events per minute before sending",
                    ["src/billing/meter-aggregate.ts", "src/billing/meter-client.ts"])
    lin = [linear_issue("GW-3415", "Usage page: reasoning tokens counted twice in the daily total",
                        "The usage page's daily total adds reasoning tokens on top of completion tokens.",
                        "2029-11-20T10:00:00Z", labels=("bug", "usage-ui"))]
    sp = Statuspage(now)
    inc = sp.incident("openai", "a1l3c5o7t9n1", "Elevated latency on o3", at(D, "15:10"), at(D, "15:55"),
                      "Some requests to o3 are slower than usual.")
    # Alcotán's claim-appraisal service (~1,400 prompt tokens a request) ran through
    # pc-alcotan-peritajes (gpt-4.1, about 350 completion tokens). At 10:25 UTC (11:25 in Madrid) on
    # 27 November it moved to pc-alcotan-peritajes-o3 (created 10:16), whose target is o3 with
    # `reasoning_effort: high`: the same requests now return about 3,200 completion tokens (reasoning
    # included), 2.6 times the tokens a request. Volume is flat. The invoice of 27 November equals the
    # logs; the increase is the customer's own config. Its Stripe customer carries no org_id metadata
    # (an account from before the convention): it is the customer whose e-mail is on
    # alcotanseguros.es.
    old = stream(a["id"], model="gpt-4.1", per_minute=8, p50=1800, p95=4000, prompt=1400, completion=350,
                 config_id="pc-alcotan-peritajes", key="vk-alcotan-siniestros", sdk="portkey-python/1.19.0",
                 metadata={"servicio": "peritajes"})
    new = dict(old, model="o3", config_id="pc-alcotan-peritajes-o3",
               tokens={"prompt": 1400, "completion": 3200, "cached_share": 0.0}, latency_ms={"p50": 9000, "p95": 21000})
    streams = [old, new,
               cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=10, prompt=800, completion=200,
                            config_id="pc-alcotan-atencion", key="vk-alcotan-web", sdk="portkey-node/1.16.1"),
                     8, 20, 0.25),
               stream(b["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=6, p50=500, p95=1200,
                      config_id="pc-mirlo-rutas")]
    an = [volume(at(D, "10:25"), None, {"config_id": "pc-alcotan-peritajes"}, 0.0),
          volume("2029-11-27T00:00:00Z", at(D, "10:25"), {"config_id": "pc-alcotan-peritajes-o3"}, 0.0)]
    per = config("pc-alcotan-peritajes", a["id"], "peritajes", [target("vk-alcotan-openai", "gpt-4.1", 60000)],
                 updated="2029-06-10T09:00:00Z")
    o3 = config("pc-alcotan-peritajes-o3", a["id"], "peritajes-o3", [target("vk-alcotan-openai", "o3", 120000)],
                updated=at(D, "10:16"))
    o3["config"]["targets"][0]["override_params"]["reasoning_effort"] = "high"
    o3["created_at"] = at(D, "10:16")
    cfg = [per, o3, one_target("pc-alcotan-atencion", a, "atencion", "vk-alcotan-openai", "gpt-4.1-mini", 30000),
           one_target("pc-mirlo-rutas", b, "rutas", "vk-mirlo-anthropic", "claude-haiku-4-5", 20000)]
    bill = {"meter": "llm_tokens", "unit": "tokens", "counts": ["prompt_tokens", "completion_tokens"],
            "cached_tokens": "excluded", "unit_amount_decimal": "0.0002", "faults": [],
            "invoices": [{"id": "in_1Alcotan1127", "org": a["id"], "status": "open", "from": at(D, "00:00"),
                          "to": "2029-11-28T00:00:00Z"}]}
    cus = [customer(a, email_user="facturacion", with_org_id=False), customer(b)]
    t = [ticket(27701, a, "Factura del 27/11 mucho más alta",
                "Buenos días:\n\nLa factura in_1Alcotan1127 del martes es más del doble que la de cualquier otro día "
                "del mes, y el número de peritajes procesados fue el de siempre (unos 11.500 según nuestro panel). "
                "Vimos en vuestro registro de cambios que el martes por la mañana tocasteis la agregación de los "
                "contadores de uso; entendemos que ahí se están contando tokens de más. Por nuestra parte solo "
                "hemos probado un modelo nuevo en peritajes, nada más.\n\nQuedamos a la espera de la factura "
                "rectificada.\n\nUn saludo,\nIrene Salvatierra\nAdministración, Alcotán Seguros",
                "2029-11-28T05:30:00Z", "Irene Salvatierra")]
    return scenario("", "token-billing-reasoning-config-switch-spanish",
                    "Spanish ticket (Madrid winter time) about an invoice more than twice a normal day with flat "
                    "volume, blaming a meter-aggregation deploy: at 10:25 UTC the appraisal service moved to "
                    "pc-alcotan-peritajes-o3, whose o3 target sets reasoning_effort high, so each request returns "
                    "about 3,200 completion tokens instead of 350; the invoice equals the logs (customer_config). The "
                    "Stripe customer has no org_id metadata and is found by e-mail domain. The meter deploy at "
                    "09:58, an o3 latency incident and a usage-page bug are bystanders among 18 routine deploys.",
                    now, CO, [a, b], "2029-11-27T00:00:00Z", 27701, streams, an, t,
                    {27701: truth("token-billing", "customer_config",
                                  ["config:pc-alcotan-peritajes-o3", "stripe:invoice:in_1Alcotan1127"],
                                  [f"github:deployment:{her}", "linear:issue:GW-3415", inc], ["10:25"])},
                    github=gh, configs=cfg, billing=bill, linear=lin, statuspage=sp, stripe_customers=cus,
                    docs=[DOC_INVOICES])


def webhook_dns_and_timeout_deploy_de():
    """Two causes: the customer's main endpoint stopped resolving at 05:10 UTC (its own DNS move);
    our deploy at 09:02 lowered the delivery timeout to 4 s, so its slow reports endpoint (about 5 s,
    within the documented 10 s) times out from then."""
    D, now = "2029-03-27", "2029-03-27T10:50:00Z"
    a = org("org_eichhorn", "Eichhorn Mobility", "eichhorn-mobility.de", "enterprise")
    b = org("org_fasan", "Fasan Versicherung", "fasan-versicherung.ch", "scale")
    c = org("org_gams", "Gams Outdoor", "gams-outdoor.at", "growth")
    gh = github(CO, 27801, "2029-03-26T08:00:00Z", now, 21)
    her = gh.deploy(27840, at(D, "09:02"), "webhooks: lower the delivery timeout from 10 s to 4 s",
                    ["src/webhooks/deliver.ts", "src/webhooks/config.ts"],
                    message="webhooks: lower the delivery timeout from 10 s to 4 s to free worker slots sooner")
    ui = gh.deploy(27841, at(D, "05:01"), "dashboard: webhook endpoint health badges",
                   ["ui/webhooks/endpoint-badge.tsx", "ui/webhooks/list.tsx"])
    lin = [linear_issue("GW-3330", "Webhook signature header missing on manual redeliveries",
                        "Redeliveries triggered from the dashboard are sent without x-relay-signature.",
                        "2029-03-19T10:00:00Z", labels=("bug", "webhooks"))]
    # Eichhorn's main endpoint (request.completed, ~9 deliveries a minute) fails dns_error on every
    # attempt from 05:10 UTC (07:10 CEST): its host stopped resolving after its own DNS move; other
    # orgs' deliveries succeed. Its reports endpoint (usage.report, about 5 s per answer, within the
    # documented 10 s) times out on every delivery from 09:04, two minutes after our deploy that lowered
    # the delivery timeout to 4 s; no other endpoint is that slow. Primary: the DNS failure (far more
    # failed deliveries); secondary: the deploy.
    streams = [cycle(stream(a["id"], per_minute=12, config_id="pc-eichhorn-routen", key="vk-eichhorn-app",
                            sdk="portkey-node/1.17.0"), 5, 19, 0.3),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=4, p50=1500, p95=3400,
                      config_id="pc-eichhorn-berichte", key="vk-eichhorn-reports", sdk="portkey-python/1.18.0"),
               stream(b["id"], per_minute=8, config_id="pc-fasan-schaden"),
               stream(c["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=4, p50=500, p95=1200,
                      config_id="pc-gams-shop")]
    cfg = [one_target("pc-eichhorn-routen", a, "routen", "vk-eichhorn-openai", "gpt-4o", 30000),
           one_target("pc-eichhorn-berichte", a, "berichte", "vk-eichhorn-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-fasan-schaden", b, "schaden", "vk-fasan-openai", "gpt-4o", 30000),
           one_target("pc-gams-shop", c, "shop", "vk-gams-anthropic", "claude-haiku-4-5", 20000)]
    main = "https://events.eichhorn-mobility.de/relay"
    reports = "https://reports.eichhorn-mobility.de/relay/usage"
    wh = hooks((a["id"], main, ["request.completed", "request.failed"], 9, 180),
               (a["id"], reports, ["usage.report"], 1.0, 5000),
               (b["id"], "https://hooks.fasan-versicherung.ch/relay", ["request.completed"], 5, 220),
               (c["id"], "https://api.gams-outdoor.at/webhooks/relay", ["request.completed"], 2, 140),
               anomalies=[failures(at(D, "05:10"), None, main, 1.0, 0, "dns_error"),
                          failures(at(D, "09:04"), None, reports, 1.0, 0, "timeout")])
    t = [ticket(27801, a, "Webhooks: seit heute früh nichts mehr",
                "Hallo Relay-Support,\n\nseit heute Morgen kommen bei uns keine Webhooks mehr an, weder auf "
                "events.eichhorn-mobility.de noch seit dem späten Vormittag auf unserem Reporting-Endpunkt. Im "
                "Zustellprotokoll sehen wir bei den Events „dns_error“, beim Reporting „timeout“. Wir haben am "
                "Wochenende unsere DNS-Zonen zu einem neuen Anbieter umgezogen, aber laut unserem Netzwerkteam "
                "ist da alles sauber. Habt ihr heute etwas an der Zustellung geändert?\n\nBeste Grüße\n"
                "Felix Brandt\nPlattform-Team, Eichhorn Mobility GmbH", at(D, "10:35"), "Felix Brandt")]
    return scenario("", "webhook-failures-dns-and-timeout-deploy-german",
                    "German ticket (Berlin, two days after Europe's switch to summer time), two causes: Eichhorn's main "
                    "endpoint fails dns_error on every delivery from 05:10 UTC after its own DNS move while other "
                    "orgs' deliveries succeed (customer_endpoint, the root cause by far more failures); deploy "
                    "#27840 lowered the delivery timeout to 4 s at 09:02, so the reports endpoint, which answers in "
                    "about 5 s (within the documented 10 s), times out from 09:04 (secondary deploy_regression). A "
                    "dashboard badge deploy at 05:01 and a redelivery signature bug are bystanders among 21 routine "
                    "deploys.",
                    now, CO, [a, b, c], "2029-03-26T08:00:00Z", 27801, streams, [], t,
                    {27801: truth("webhook-failures", "customer_endpoint", [f"endpoint:{main}"],
                                  [f"github:deployment:{ui}", "linear:issue:GW-3330"], ["dns_error", "05:10"],
                                  secondary=[secondary("deploy_regression",
                                                       [f"github:deployment:{her}", f"endpoint:{reports}"])])},
                    github=gh, webhooks=wh, configs=cfg, linear=lin, docs=[DOC_WEBHOOKS])


ALL = [metadata_config_redacts_ja, metadata_known_gemini_jira_en, metadata_key_limit_de, webhook_known_batch_413_fr,
       webhook_delivered_own_queue_sydney_en, billing_known_cached_meter_pt, billing_reasoning_config_switch_es,
       webhook_dns_and_timeout_deploy_de]

if __name__ == "__main__":
    write_all(ALL)
