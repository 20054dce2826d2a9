#!/usr/bin/env python3
"""Eight library scenarios of the metadata, webhook-failures and token-billing playbooks, written
before the engine ran on them, with data shaped like real accounts: a customer's receiver answering
502 and timing out (a ticket that never says "webhook") beside our unrelated deploy, a signature
deploy of ours that every endpoint answers 401/400 (the customer suspects its own secret rotation),
metadata present on every request while the customer reads another dashboard field, one config of
three that stops storing metadata beside another config on the same provider, a documented minimum
on one meter of three on a quiet New Year's Day (Stripe customer found by e-mail domain), a
cached-input meter counting twice from one afternoon on, an invoice read in another time zone across
a month boundary, and metadata lost on one route by our deploy beside a config edit (two causes).

January 2030 (Europe and the US on standard time; Buenos Aires UTC-3, Tokyo UTC+9) and June 2030
(Europe and the US on summer time: Madrid and Berlin UTC+2, Los Angeles UTC-7; Brasília UTC-3).
Every truth below is read from the data declared next to it (anomalies, configs, meters and their
faults, webhook failures, deploys, issues, incidents, docs). Run it to rewrite the JSON files."""
from compose import *  # noqa: F401,F403
from scenarios_fresh import cycle, failures, hooks
from scenarios_fresh4a import meter

CO = {"name": "Relay AI", "github_repo": "relay-ai/gateway"}

# Relay's own status page (its components, not a provider's)
PAGES.setdefault("relay", ("r3l4y5t6u7s8", "Relay AI", "https://status.relay.ai",
                           ["Gateway API", "Dashboard", "Billing", "Webhooks"]))


def webhook_receiver_502_no_word_es():
    """The customer's receiver answers 502 or times out on most deliveries from 15:20 UTC; the
    ticket speaks of notifications and callbacks only. Our routing deploy at 15:08 touched no
    delivery code; the org's second endpoint and other orgs' endpoints answer 200."""
    D, now = "2030-06-11", "2030-06-12T09:00:00Z"
    a = org("org_albatros", "Albatros Energía", "albatros-energia.es", "enterprise")
    b = org("org_nutria", "Nutria Labs", "nutrialabs.io", "scale")
    c = org("org_quetzal", "Quetzal Pagos", "quetzalpagos.mx", "growth")
    gh = github(CO, 28101, "2030-06-11T04:00:00Z", now, 16)
    her = gh.deploy(28140, at(D, "15:08"), "router: sticky keys for weighted loadbalance",
                    ["src/routing/loadbalance.ts", "src/routing/sticky.ts"])
    lin = [linear_issue("GW-3610", "Webhook delivery log: response body cut at 256 bytes",
                        "The delivery log shows only the first 256 bytes of the receiver's answer.",
                        "2030-06-04T10:00:00Z", labels=("bug", "dashboard"))]
    # Albatros' main receiver (notificaciones.albatros-energia.es, request.completed and
    # request.failed, ~7 deliveries a minute) answers 502 to 60% of the attempts and times out on 30%
    # more from 15:20 UTC (17:20 in Madrid) on 11 June: its own gateway in front of the receiver. Its
    # second endpoint (budget alerts, another host) and the other orgs' endpoints answer 200 before and
    # after. Our deploy at 15:08 changed loadbalance routing, no delivery code, and the failures start
    # twelve minutes later on one endpoint only.
    streams = [cycle(stream(a["id"], per_minute=14, p50=900, p95=2200, config_id="pc-albatros-atencion",
                            key="vk-albatros-web", sdk="portkey-node/1.21.0"), 6, 20, 0.3),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=4, p50=1500, p95=3400,
                      config_id="pc-albatros-contratos", key="vk-albatros-legal", sdk="portkey-python/1.22.0"),
               stream(b["id"], model="gpt-4.1-mini", per_minute=8, p50=600, p95=1500, config_id="pc-nutria-lab"),
               stream(c["id"], per_minute=5, config_id="pc-quetzal-cobros")]
    cfg = [one_target("pc-albatros-atencion", a, "atencion", "vk-albatros-openai", "gpt-4o", 30000),
           one_target("pc-albatros-contratos", a, "contratos", "vk-albatros-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-nutria-lab", b, "lab", "vk-nutria-openai", "gpt-4.1-mini", 30000),
           one_target("pc-quetzal-cobros", c, "cobros", "vk-quetzal-openai", "gpt-4o", 30000)]
    main = "https://notificaciones.albatros-energia.es/relay/eventos"
    alerts = "https://api.albatros-energia.es/integraciones/relay-alertas"
    wh = hooks((a["id"], main, ["request.completed", "request.failed"], 7, 160),
               (a["id"], alerts, ["budget.exceeded", "usage.threshold"], 0.6, 190),
               (b["id"], "https://hooks.nutrialabs.io/relay", ["request.completed"], 4, 130),
               (c["id"], "https://api.quetzalpagos.mx/relay/events", ["request.completed"], 2, 150),
               anomalies=[failures(at(D, "15:20"), None, main, 0.3, 0, "timeout"),
                          failures(at(D, "15:20"), None, main, 0.9, 502, "")])
    t = [ticket(28101, a, "Re: Alta de la URL de notificaciones de producción",
                "Hola de nuevo:\n\nRetomo este hilo porque desde ayer por la tarde (sobre las 17:20, hora de "
                "Madrid) casi no nos llegan los avisos de peticiones completadas a nuestra URL de producción. En "
                "vuestro panel veo muchos intentos fallidos, unos con 502 y otros que se quedan esperando hasta "
                "cortar. Las alertas de presupuesto sí siguen llegando. Vimos que ayer a media tarde publicasteis "
                "una versión nueva; ¿puede que hayáis cambiado algo en cómo nos enviáis los callbacks?\n\n"
                "Un saludo,\nMarta Echeverría\nIntegraciones, Albatros Energía\n\n"
                "> El 28 may 2030, Soporte Relay escribió:\n"
                "> Hola Marta, ya está dada de alta notificaciones.albatros-energia.es para los eventos "
                "request.completed y request.failed. Cualquier cosa, nos decís.\n>\n"
                "> El 27 may 2030, Marta Echeverría escribió:\n"
                "> ¿Podéis confirmar que los eventos se publican por POST a la URL que os pasamos?",
                "2030-06-12T08:20:00Z", "Marta Echeverría")]
    return scenario("", "webhook-failures-receiver-502-no-word-spanish",
                    "Spanish ticket (Madrid summer time, 'ayer por la tarde') that speaks of notifications and "
                    "callbacks posted to its URL, never of webhooks, under an older quoted thread: from 15:20 UTC "
                    "Albatros' main receiver answers 502 to 60% of deliveries and times out on 30% more, while its "
                    "alerts endpoint and other orgs' endpoints answer 200 (customer_endpoint). Our loadbalance "
                    "deploy at 15:08 the customer suspects and a delivery-log bug are bystanders among 16 routine "
                    "deploys.",
                    now, CO, [a, b, c], "2030-06-11T04:00:00Z", 28101, streams, [], t,
                    {28101: truth("webhook-failures", "customer_endpoint", [f"endpoint:{main}"],
                                  [f"github:deployment:{her}", "linear:issue:GW-3610", f"endpoint:{alerts}"],
                                  ["502"])},
                    github=gh, webhooks=wh, configs=cfg, linear=lin, docs=[DOC_WEBHOOKS])


DOC_SIGNING = doc("docs/webhooks/signatures.md", "Verifying webhook signatures",
                  "# Verifying webhook signatures\n\nEvery delivery carries `x-relay-signature`: the hex HMAC-SHA256 "
                  "of the raw body with your endpoint's signing secret. Compute it over the raw bytes and compare; "
                  "answer 2xx when it matches. A rotated secret takes effect for deliveries created after the "
                  "rotation; the previous secret is accepted for 24 hours.\n")


def webhook_signature_deploy_ja():
    """Our deploy changes the signature header; from two minutes later every endpoint that verifies
    signatures answers 401 (one answers 400), for every org at once. The customer suspects its own
    secret rotation of the previous week."""
    D, now = "2030-01-16", "2030-01-16T04:00:00Z"
    a = org("org_kawasemi", "Kawasemi Shoken", "kawasemi-shoken.co.jp", "enterprise")
    b = org("org_mejiro", "Mejiro Travel", "mejiro-travel.jp", "scale")
    c = org("org_ptarmigan", "Ptarmigan Labs", "ptarmigan.dev", "growth")
    gh = github(CO, 28201, "2030-01-15T00:00:00Z", now, 22)
    bad = gh.deploy(28240, at(D, "01:02"), "webhooks: signature scheme v2",
                    ["src/webhooks/sign.ts", "src/webhooks/headers.ts", "src/webhooks/sign.test.ts"],
                    message="webhooks: sign `timestamp.body` and send it as x-relay-signature: t=…,v2=… (#5120)")
    near = gh.deploy(28241, at(D, "00:36"), "dashboard: sort webhook endpoints by last delivery",
                     ["ui/webhooks/endpoint-list.tsx"])
    lin = [linear_issue("GW-3522", "Secret rotation: previous webhook secret rejected before 24 h",
                        "After rotating an endpoint's secret the old one stops validating after ~20 h instead of "
                        "24 h.", "2030-01-08T10:00:00Z", state="Todo", labels=("bug", "webhooks"))]
    sp = Statuspage(now)
    inc = sp.incident("openai", "k2w4s6m8i0a2", "Elevated errors on GPT-4.1", at(D, "00:10"), at(D, "00:40"),
                      "Some GPT-4.1 requests fail with 500 errors.")
    # From 01:04 UTC (10:04 JST), two minutes after deploy #28240 went live with the new signature
    # format, every endpoint of every org fails: those that verify the old x-relay-signature answer
    # 401 (Kawasemi's two, Mejiro's), Ptarmigan's framework rejects the header 400. Nothing failed
    # before 01:04. Kawasemi rotated its secret on Friday 11 January: deliveries kept succeeding
    # for four days after it.
    streams = [cycle(stream(a["id"], model="gpt-4.1", per_minute=12, p50=1300, p95=3000,
                            config_id="pc-kawasemi-report", key="vk-kawasemi-research",
                            sdk="portkey-python/1.22.0"), 1, 9, 0.3),
               stream(a["id"], model="gpt-4.1-mini", per_minute=6, p50=600, p95=1500, config_id="pc-kawasemi-chat",
                      key="vk-kawasemi-web", sdk="portkey-node/1.21.0"),
               stream(b["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=8, p50=500, p95=1200,
                      config_id="pc-mejiro-plans"),
               stream(c["id"], per_minute=4, config_id="pc-ptarmigan-bot")]
    cfg = [one_target("pc-kawasemi-report", a, "report", "vk-kawasemi-openai", "gpt-4.1", 60000),
           one_target("pc-kawasemi-chat", a, "chat", "vk-kawasemi-openai", "gpt-4.1-mini", 30000),
           one_target("pc-mejiro-plans", b, "plans", "vk-mejiro-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-ptarmigan-bot", c, "bot", "vk-ptarmigan-openai", "gpt-4o", 30000)]
    main = "https://api.kawasemi-shoken.co.jp/relay/events"
    audit = "https://audit.kawasemi-shoken.co.jp/relay/log"
    mejiro = "https://hooks.mejiro-travel.jp/relay"
    ptarmigan = "https://ptarmigan.dev/api/relay-hook"
    wh = hooks((a["id"], main, ["request.completed", "request.failed"], 8, 150),
               (a["id"], audit, ["request.completed"], 3, 210),
               (b["id"], mejiro, ["request.completed"], 5, 130),
               (c["id"], ptarmigan, ["request.completed", "budget.exceeded"], 2, 120),
               anomalies=[{"kind": "failures", "from": at(D, "01:04"), "to": None, "match": {"org": a["id"]},
                           "rate": 1.0, "status": 401, "error": ""},
                          {"kind": "failures", "from": at(D, "01:04"), "to": None, "match": {"org": b["id"]},
                           "rate": 1.0, "status": 401, "error": ""},
                          failures(at(D, "01:04"), None, ptarmigan, 1.0, 400, "")])
    t = [ticket(28201, a, "Webhook 受信時の署名検証エラー（401）について",
                "Relay サポートご担当者様\n\nいつもお世話になっております。翡翠証券 システム部の森田です。\n\n"
                "本日 10時05分ごろ（JST）から、弊社の受信エンドポイント2か所（api / audit）で署名検証が失敗し、"
                "すべての配信に 401 を返しております。先週金曜日に署名シークレットをローテーションしましたので、"
                "弊社側の設定ミスの可能性が高いと考えておりますが、念のため御社側で変更がなかったかご確認いただけ"
                "ますでしょうか。\n\n受信側のログ（抜粋）:\n"
                "```\n2030-01-16 10:05:12 JST WARN signature mismatch: header=\"t=1768525512,v2=9f0c…\" "
                "expected=hex(hmac)\n```\n\n"
                "以上、よろしくお願いいたします。\n\n森田 洋平\n翡翠証券株式会社 システム部",
                at(D, "03:10"), "Yohei Morita", priority="high")]
    return scenario("", "webhook-failures-signature-deploy-401-japanese",
                    "Japanese ticket (JST) about 401s the customer blames on its own secret rotation of the week "
                    "before: deploy #28240 (signature scheme v2) went live at 01:02 UTC and from 01:04 every "
                    "endpoint of every org fails, 401 where the old signature is verified and 400 where the header "
                    "is refused; nothing failed before and the rotation was four days earlier (deploy_regression). "
                    "An endpoint-list deploy at 00:36, a secret-rotation bug and a GPT-4.1 incident are bystanders "
                    "among 22 routine deploys.",
                    now, CO, [a, b, c], "2030-01-15T00:00:00Z", 28201, streams, [], t,
                    {28201: truth("webhook-failures", "deploy_regression", [f"github:deployment:{bad}"],
                                  [f"github:deployment:{near}", "linear:issue:GW-3522", inc], ["401"])},
                    github=gh, webhooks=wh, configs=cfg, linear=lin, statuspage=sp, docs=[DOC_WEBHOOKS, DOC_SIGNING])


def metadata_present_wrong_view_pt():
    """The customer says metadata disappeared over the weekend; every request carries tenant_id and
    turma before and after. The count it quotes (502 tenants) is a number of values, not an error."""
    D, now = "2030-06-10", "2030-06-10T13:00:00Z"
    a = org("org_sabia", "Sabiá Educação", "sabiaeducacao.com.br", "scale")
    b = org("org_tucano", "Tucano Varejo", "tucanovarejo.com.br", "growth")
    gh = github(CO, 28301, "2030-06-09T08:00:00Z", now, 14)
    her = gh.deploy(28340, "2030-06-09T14:06:00Z", "analytics: group-by picker lists metadata keys",
                    ["ui/analytics/group-by.tsx", "src/analytics/query/group-by.ts"])
    lin = [linear_issue("GW-3605", "Metadata values with accents shown escaped in the logs table",
                        "Values such as 'redação' are shown as 'reda\\u00e7\\u00e3o' in the logs table.",
                        "2030-06-03T10:00:00Z", labels=("bug", "dashboard"))]
    sp = Statuspage(now)
    inc = sp.incident("anthropic", "s4b6i8a0e2d4", "Elevated errors on Claude Opus 4.1", "2030-06-09T19:10:00Z",
                      "2030-06-09T19:50:00Z", "We are seeing elevated error rates on Claude Opus 4.1.")
    # Sabiá's tutor (gpt-4.1-mini) and essay grader (Claude Sonnet) send tenant_id and turma on every
    # request, before and after the analytics deploy of Sunday 14:06 UTC and all Monday morning. No
    # stream of the org drops metadata. Its ticket reads the analytics "Usuário" grouping (the
    # request's user field, which it never sets), not the metadata.
    streams = [cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=12, p50=650, p95=1600,
                            config_id="pc-sabia-tutor", key="vk-sabia-app", sdk="portkey-node/1.21.0",
                            metadata={"tenant_id": "escola-0412", "turma": "7B"}), 11, 23, 0.2),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=5, p50=1500, p95=3400,
                      config_id="pc-sabia-redacao", key="vk-sabia-correcao", sdk="portkey-python/1.22.0",
                      metadata={"tenant_id": "escola-0188", "turma": "3A", "modulo": "redacao"}),
               stream(b["id"], per_minute=7, config_id="pc-tucano-ofertas", metadata={"loja": "sp-centro"})]
    cfg = [one_target("pc-sabia-tutor", a, "tutor", "vk-sabia-openai", "gpt-4.1-mini", 30000),
           one_target("pc-sabia-redacao", a, "redacao", "vk-sabia-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-tucano-ofertas", b, "ofertas", "vk-tucano-openai", "gpt-4o", 30000)]
    t = [ticket(28301, a, "Metadados sumiram no fim de semana",
                "Olá, equipe Relay.\n\nNo fim de semana os metadados das nossas requisições sumiram. Na sexta, o "
                "painel de Analytics agrupado por Usuário mostrava 502 escolas diferentes; hoje de manhã aparece "
                "tudo como \"(sem valor)\", tanto no tutor quanto na correção de redações. Mandamos tenant_id e "
                "turma em todas as chamadas, como sempre, e não mudamos nada. Vocês atualizaram o Analytics no "
                "domingo? Sem isso não conseguimos faturar as escolas.\n\nObrigado,\nLucas Ferreira\nEngenharia "
                "de Dados - Sabiá Educação", at(D, "12:20"), "Lucas Ferreira")]
    return scenario("", "metadata-present-wrong-view-portuguese",
                    "Portuguese ticket (Brasília) saying metadata disappeared over the weekend and quoting 502 "
                    "distinct schools (a count, not a status): Sabiá's tutor and essay-grader requests carry "
                    "tenant_id and turma on every request before and after the analytics deploy of Sunday 14:06 "
                    "UTC; the customer reads a grouping by user (no_fault_found). The analytics deploy, an escaped-"
                    "accents bug and an Opus incident are bystanders among 14 routine deploys.",
                    now, CO, [a, b], "2030-06-09T08:00:00Z", 28301, streams, [], t,
                    {28301: truth("metadata", "no_fault_found", [],
                                  [f"github:deployment:{her}", "linear:issue:GW-3605", inc], ["tenant_id"])},
                    github=gh, configs=cfg, linear=lin, statuspage=sp, docs=[DOC_METADATA])


DOC_METADATA_LOGGING = doc("docs/observability/metadata.md", "Custom metadata",
                           "# Custom metadata\n\nSend metadata as a JSON object in the `x-portkey-metadata` header "
                           "or the SDK's `metadata` option; it is stored with the request log and forwarded to the "
                           "provider. Keys are case sensitive, values at most 128 characters.\n\n## Logging "
                           "settings\n\nA config's `logging` block controls what is stored: with "
                           "`\"store_metadata\": false` the requests that use the config are served as usual but "
                           "their log rows keep no metadata.\n")


def metadata_config_logging_off_big_org_en():
    """A big org (three configs, three keys, a 3% background error rate): its claims config was
    saved with logging.store_metadata false; its underwriting config on the same provider, edited
    minutes before for a timeout, keeps its metadata."""
    D, now = "2030-01-22", "2030-01-22T20:00:00Z"
    a = org("org_keystone", "Keystone Mutual", "keystonemutual.com", "enterprise")
    b = org("org_larkspur", "Larkspur Design", "larkspur.design", "scale")
    gh = github(CO, 28401, "2030-01-21T16:00:00Z", now, 19)
    her = gh.deploy(28440, at(D, "17:20"), "anthropic adapter: cache breakpoints for tool definitions",
                    ["src/providers/anthropic/request.ts", "src/providers/anthropic/cache.ts"])
    lin = [linear_issue("GW-3540", "Metadata keys with dots are split into nested objects in exports",
                        "CSV exports turn a key like 'claim.type' into two columns.", "2030-01-14T10:00:00Z",
                        labels=("bug", "metadata"))]
    # Keystone runs three services through three configs and three virtual keys, all with metadata
    # (claim_id/adjuster, policy_id, session), a 3% background error rate and an office-hours cycle
    # (13:00-23:00 UTC = 8am-6pm EST). At 17:42 UTC (12:42 EST) pc-keystone-claims (Claude Sonnet)
    # was saved with `"logging": {"store_metadata": false}`, which the metadata doc describes: every
    # request of that config has no metadata from then. pc-keystone-underwriting, on the same
    # provider and model, was edited at 17:38 (request_timeout) and keeps its metadata, as does the
    # portal. The Anthropic adapter deploy of 17:20 would touch both Claude configs.
    streams = [cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=12, p50=1500,
                            p95=3400, error_rate=0.03, config_id="pc-keystone-claims", key="vk-keystone-claims",
                            sdk="portkey-python/1.22.0", metadata={"claim_id": "KM-204431", "adjuster": "a-118"}),
                     13, 23, 0.3),
               cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=7, p50=1500,
                            p95=3400, error_rate=0.03, config_id="pc-keystone-underwriting",
                            key="vk-keystone-uw", sdk="portkey-python/1.22.0",
                            metadata={"policy_id": "P-88120", "line": "auto"}), 13, 23, 0.3),
               stream(a["id"], model="gpt-4.1-mini", per_minute=9, p50=600, p95=1500, error_rate=0.03,
                      config_id="pc-keystone-portal", key="vk-keystone-web", sdk="portkey-node/1.21.0",
                      metadata={"session": "web", "policy_id": "P-00000"}),
               stream(b["id"], per_minute=6, config_id="pc-larkspur-briefs", metadata={"client": "c-12"})]
    an = [metadata_dropped(at(D, "17:42"), None, {"config_id": "pc-keystone-claims"})]
    claims = config("pc-keystone-claims", a["id"], "claims", [target("vk-keystone-anthropic", "claude-sonnet-4-6", 60000)],
                    updated=at(D, "17:42"))
    claims["config"]["logging"] = {"store_metadata": False, "store_request_body": True}
    uw = config("pc-keystone-underwriting", a["id"], "underwriting",
                [target("vk-keystone-anthropic", "claude-sonnet-4-6", 90000)], updated=at(D, "17:38"))
    uw["config"]["logging"] = {"store_metadata": True, "store_request_body": False}
    cfg = [claims, uw, one_target("pc-keystone-portal", a, "portal", "vk-keystone-openai", "gpt-4.1-mini", 30000),
           one_target("pc-larkspur-briefs", b, "briefs", "vk-larkspur-openai", "gpt-4o", 30000)]
    t = [ticket(28401, a, "Re: Q1 renewal - seat count",
                "Hi Dana,\n\nSeats are fine at 40, thanks.\n\nDifferent thing: since about 12:40 today (Eastern) our "
                "claims assistant's requests are showing up in the logs with no claim_id or adjuster - metadata "
                "column is just empty. Underwriting is fine, and that's the one we actually touched today (only "
                "raised its timeout). Both go to Claude through the same Python SDK. Did your Anthropic release this "
                "afternoon change how metadata is stored? We need claim_id for the audit trail.\n\nThanks,\n"
                "Greg Albers\nPlatform Engineering, Keystone Mutual\n\n> On Jan 20, 2030, Dana (Relay) wrote:\n"
                "> Hi Greg, ahead of the renewal, can you confirm the seat count for Q1?", at(D, "19:15"),
                "Greg Albers")]
    return scenario("", "metadata-config-logging-off-big-org-stale-subject-english",
                    "English ticket (New York winter time) under a stale renewal subject, from a big org with three "
                    "configs, three keys and a 3% background error rate: pc-keystone-claims was saved at 17:42 UTC "
                    "with logging.store_metadata false, which the metadata doc describes, so its requests keep no "
                    "metadata from then (customer_config); pc-keystone-underwriting, the config the customer did "
                    "edit, on the same provider and model, keeps its metadata. An Anthropic adapter deploy at 17:20 "
                    "and a metadata export bug are bystanders among 19 routine deploys.",
                    now, CO, [a, b], "2030-01-21T16:00:00Z", 28401, streams, an, t,
                    {28401: truth("metadata", "customer_config", ["config:pc-keystone-claims"],
                                  [f"github:deployment:{her}", "linear:issue:GW-3540", "config:pc-keystone-underwriting",
                                   "config:pc-keystone-portal"], ["store_metadata"])},
                    github=gh, configs=cfg, linear=lin, docs=[DOC_METADATA_LOGGING])


DOC_INPUT_MINIMUM = doc("docs/billing/commitments.md", "Minimum daily input commitment",
                        "# Minimum daily input commitment\n\nScale-plan subscriptions include a minimum daily "
                        "commitment on input tokens: the **Input tokens** line of every daily invoice (UTC day) "
                        "bills at least 10,000,000 tokens. When a day's metered input is lower, the line shows "
                        "10,000,000 tokens; input above it is billed as metered. The **Output tokens** and "
                        "**Cached input tokens** lines have no minimum and always bill the metered usage.\n")
DOC_THREE_LINES = doc("docs/billing/token-meters.md", "How tokens are invoiced",
                      "# How tokens are invoiced\n\nEvery daily invoice (UTC day) has three usage lines. **Input "
                      "tokens** counts the prompt tokens of every request minus the tokens the provider read from its "
                      "prompt cache. **Output tokens** counts completion tokens. **Cached input tokens** counts the "
                      "cache reads, at a tenth of the input price. Each line is summed from the meter events we send "
                      "to Stripe and should equal the request logs of the same UTC day.\n")


def billing_input_minimum_new_year_fr():
    """A quiet New Year's Day: the input meter's usage is below the documented daily minimum of
    the plan, so the Input line bills the minimum; output and cached lines equal the logs. The
    Stripe customer carries no org_id and is found by the e-mail domain."""
    D, now = "2030-01-01", "2030-01-02T06:00:00Z"
    a = org("org_hermine", "Hermine Conseil", "hermine-conseil.fr", "scale")
    b = org("org_pivert", "Pivert Médias", "pivert-medias.fr", "growth")
    gh = github(CO, 28501, "2029-12-31T22:00:00Z", now, 11)
    her = gh.deploy(28540, at(D, "10:12"), "invoices: French locale for invoice PDFs",
                    ["src/billing/invoice-pdf.ts", "src/billing/locales/fr.ts"])
    pd = [pd_incident("PMTR0101", 9501, "Stripe meter event backlog above 10 minutes", "2029-12-31T23:52:00Z",
                      "2030-01-01T00:21:00Z", "Billing meters")]
    lin = [linear_issue("GW-3498", "Usage page rounds token totals to the nearest thousand",
                        "The usage page shows totals rounded to thousands; invoices are exact.",
                        "2029-12-20T10:00:00Z", labels=("bug", "usage-ui"))]
    # Hermine (scale plan) on 1 January (UTC day): its drafting assistant runs at a holiday trickle,
    # about 6 M input tokens net of cache reads over the day. Three meters: input (prompt minus cache
    # reads) with the documented daily minimum of 10,000,000 tokens, output, cached input. The
    # Input line bills 10,000,000, the other two equal the logs. No meter fault; the backlog page
    # drained before the day's first hour was over, nothing lost.
    streams = [stream(a["id"], per_minute=2.5, p50=1100, p95=2600, prompt=1800, completion=320, cached=0.3,
                      config_id="pc-hermine-redaction", key="vk-hermine-conseil", sdk="portkey-python/1.22.0"),
               stream(a["id"], model="gpt-4.1-mini", per_minute=1.0, p50=600, p95=1500, prompt=1200, completion=200,
                      config_id="pc-hermine-veille", key="vk-hermine-veille", sdk="portkey-node/1.21.0"),
               stream(b["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=5, p50=500, p95=1200,
                      prompt=900, completion=200, config_id="pc-pivert-titres")]
    cfg = [one_target("pc-hermine-redaction", a, "redaction", "vk-hermine-openai", "gpt-4o", 30000),
           one_target("pc-hermine-veille", a, "veille", "vk-hermine-openai", "gpt-4.1-mini", 30000),
           one_target("pc-pivert-titres", b, "titres", "vk-pivert-anthropic", "claude-haiku-4-5", 20000)]
    inp = meter("llm_input_tokens", "Input tokens", ["prompt_tokens"], amount="0.012")
    inp["minimum_quantity"] = 10000000
    bill = {"meter": "llm_input_tokens", "unit": "tokens", "counts": ["prompt_tokens"], "cached_tokens": "excluded",
            "unit_amount_decimal": "0.012", "faults": [],
            "meters": [inp,
                       meter("llm_output_tokens", "Output tokens", ["completion_tokens"], amount="0.048"),
                       meter("llm_cached_input_tokens", "Cached input tokens", ["cached_tokens"], amount="0.0012")],
            "invoices": [{"id": "in_1Hermine0101", "org": a["id"], "status": "open", "from": at(D, "00:00"),
                          "to": "2030-01-02T00:00:00Z"}]}
    cus = [customer(a, email_user="comptabilite", with_org_id=False), customer(b)]
    t = [ticket(28501, a, "Facture du 1er janvier : ligne Input tokens incohérente",
                "Bonjour,\n\nEn rapprochant la facture in_1Hermine0101 (1er janvier) de nos propres compteurs, la "
                "ligne « Input tokens » ne colle pas : 10 000 000 tokens facturés, soit 1 200,00 $ (environ "
                "1 104,35 € au cours du jour), alors que notre tableau de suivi n'en compte qu'un peu plus de "
                "6 millions pour un jour férié où l'activité était quasi nulle. Les lignes « Output tokens » et "
                "« Cached input tokens » semblent justes. Avez-vous arrondi quelque chose ou compté des "
                "requêtes d'une autre journée ?\n\nMerci de vérifier avant que nous réglions la facture.\n\n"
                "Cordialement,\nSophie Lemaire\nContrôle de gestion, Hermine Conseil",
                "2030-01-02T05:30:00Z", "Sophie Lemaire")]
    return scenario("", "token-billing-input-minimum-new-year-french",
                    "French ticket (Paris winter time, amounts written the French way) about the Input tokens line "
                    "of New Year's Day's invoice: Hermine used about 6 M input tokens net of cache reads, and the "
                    "documented scale-plan minimum bills the Input line at 10,000,000 tokens while the output and "
                    "cached lines equal the logs (expected_behavior). Its Stripe customer has no org_id metadata "
                    "and is found by e-mail domain. An invoice-PDF deploy, a meter backlog page before the day began "
                    "and a usage-page rounding bug are bystanders among 11 routine deploys.",
                    now, CO, [a, b], "2030-01-01T00:00:00Z", 28501, streams, [], t,
                    {28501: truth("token-billing", "expected_behavior",
                                  ["stripe:invoice:in_1Hermine0101", "docs:docs/billing/commitments.md"],
                                  [f"github:deployment:{her}", "pagerduty:incident:PMTR0101", "linear:issue:GW-3498"],
                                  ["minimum", "in_1Hermine0101"])},
                    github=gh, configs=cfg, billing=bill, pagerduty=pd, linear=lin, stripe_customers=cus,
                    docs=[DOC_INPUT_MINIMUM, DOC_THREE_LINES])


def billing_cached_meter_doubled_de():
    """The cached-input meter counts every cache read twice from 14:00 UTC on Tuesday; the input
    and output lines equal the logs. No issue is filed; the billing deploy that morning touched
    invoice PDFs only."""
    D, now = "2030-06-11", "2030-06-12T06:00:00Z"
    a = org("org_kiebitz", "Kiebitz Versicherung", "kiebitz-versicherung.de", "enterprise")
    b = org("org_lerche", "Lerche Apps", "lerche-apps.at", "growth")
    gh = github(CO, 28601, "2030-06-10T22:00:00Z", now, 17)
    her = gh.deploy(28640, at(D, "09:32"), "invoices: show meter nicknames on invoice PDFs",
                    ["src/billing/invoice-pdf.ts", "src/billing/invoice-pdf.test.ts"])
    lin = [linear_issue("GW-3612", "Usage page: cached tokens column shows the previous day",
                        "The cached tokens column on the usage page is shifted by one day.", "2030-06-05T10:00:00Z",
                        labels=("bug", "usage-ui"))]
    # Kiebitz: a claims assistant on Claude Sonnet with half its prompt read from cache and a
    # document classifier on gpt-4.1-mini with 20%. Three meters. From 14:00 UTC (16:00 CEST) on
    # Tuesday 11 June the cached-input meter receives every cache read twice (an infrastructure
    # change, no deploy): the Cached input tokens line of the invoice of 11 June is above the logs'
    # cached_tokens by the share after 14:00, and the meter's summary of 12 June is twice the logs.
    # The input and output lines equal the logs.
    streams = [cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=9, p50=1600,
                            p95=3800, prompt=5000, completion=600, cached=0.5, config_id="pc-kiebitz-schaden",
                            key="vk-kiebitz-schaden", sdk="portkey-python/1.22.0"), 5, 19, 0.3),
               stream(a["id"], model="gpt-4.1-mini", per_minute=6, p50=600, p95=1500, prompt=1500, completion=200,
                      cached=0.2, config_id="pc-kiebitz-dokumente", key="vk-kiebitz-dms", sdk="portkey-node/1.21.0"),
               stream(b["id"], per_minute=6, prompt=1000, completion=250, cached=0.2, config_id="pc-lerche-chat")]
    cfg = [one_target("pc-kiebitz-schaden", a, "schaden", "vk-kiebitz-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-kiebitz-dokumente", a, "dokumente", "vk-kiebitz-openai", "gpt-4.1-mini", 30000),
           one_target("pc-lerche-chat", b, "chat", "vk-lerche-openai", "gpt-4o", 30000)]
    bill = {"meter": "llm_input_tokens", "unit": "tokens", "counts": ["prompt_tokens"], "cached_tokens": "excluded",
            "unit_amount_decimal": "0.0003", "faults": [],
            "meters": [meter("llm_input_tokens", "Input tokens", ["prompt_tokens"], amount="0.0003"),
                       meter("llm_output_tokens", "Output tokens", ["completion_tokens"], amount="0.0015"),
                       meter("llm_cached_input_tokens", "Cached input tokens", ["cached_tokens"], amount="0.00003",
                             faults=[{"kind": "double_count", "from": at(D, "14:00"), "to": None, "match": {}}])],
            "invoices": [{"id": "in_1Kiebitz0611", "org": a["id"], "status": "open", "from": at(D, "00:00"),
                          "to": "2030-06-12T00:00:00Z"}]}
    t = [ticket(28601, a, "Rechnung in_1Kiebitz0611 – Cached-Input-Zeile?",
                "Guten Morgen,\n\nwarum liegt die Zeile „Cached input tokens“ auf der Rechnung in_1Kiebitz0611 "
                "deutlich über dem, was wir aus den cached_tokens eurer Request-Logs summieren? Und warum sieht "
                "die Tagesübersicht seit Dienstagnachmittag so aus, als würden wir doppelt so viel aus dem Cache "
                "lesen wie vorher? An unserem Prompt-Aufbau haben wir nichts geändert. Input- und Output-Zeile "
                "stimmen mit unserer Rechnung überein.\n\nZählt ihr die Cache-Treffer neuerdings anders?\n\n"
                "Viele Grüße\nJonas Weber\nFinOps, Kiebitz Versicherung AG", "2030-06-12T05:40:00Z", "Jonas Weber")]
    return scenario("", "token-billing-cached-meter-doubled-german-question",
                    "German ticket asked as questions (Berlin summer time, 'seit Dienstagnachmittag'): of three "
                    "metered lines only the cached-input line is above the logs, because that meter counts every "
                    "cache read twice from 14:00 UTC on 11 June; input and output lines equal the logs and nothing "
                    "is filed (billing_pipeline). An invoice-PDF deploy that morning and a usage-page bug are "
                    "bystanders among 17 routine deploys.",
                    now, CO, [a, b], "2030-06-11T00:00:00Z", 28601, streams, [], t,
                    {28601: truth("token-billing", "billing_pipeline", ["stripe:invoice:in_1Kiebitz0611"],
                                  [f"github:deployment:{her}", "linear:issue:GW-3612"], ["14:00"])},
                    github=gh, configs=cfg, billing=bill, linear=lin, docs=[DOC_THREE_LINES])


def billing_month_boundary_pacific_no_fault_en():
    """The customer's month-end batch ran on 31 May Pacific time, which is 1 June in UTC; the invoice
    of 1 June (UTC day) equals the logs. A billing deploy that day and an incident on our Billing
    status component after the period are tempting."""
    D, now = "2030-06-01", "2030-06-02T05:30:00Z"
    a = org("org_tidewater", "Tidewater Analytics", "tidewater.io", "scale")
    b = org("org_sequoia", "Sequoia Clinics", "sequoiaclinics.org", "enterprise")
    gh = github(CO, 28701, "2030-06-01T00:00:00Z", now, 15)
    her = gh.deploy(28740, at(D, "16:24"), "metering: retry meter events on Stripe 5xx",
                    ["src/billing/meter-client.ts", "src/billing/retry.ts"])
    sp = Statuspage(now)
    inc = sp.incident("relay", "b1l2n3g4d5l6", "Delayed invoice finalization", "2030-06-02T01:35:00Z",
                      "2030-06-02T02:40:00Z", "Some daily invoices are finalized later than usual.",
                      component="Billing", impact="minor")
    # Tidewater's analytics app runs all day; its month-end rollup (pc-tidewater-rollup) ran from
    # 03:00 to 06:00 UTC on 1 June, which is 8-11 pm on 31 May in Los Angeles (PDT). The invoice of
    # 1 June (UTC day) bills prompt + completion tokens, equal to the logs; the customer's usage
    # dashboard is set to Pacific time, so the rollup sits on 31 May there. No meter fault. The
    # metering retry deploy (16:24) and the invoice-finalization incident (2 June, after the period)
    # are bystanders.
    streams = [stream(a["id"], per_minute=8, p50=900, p95=2200, prompt=1400, completion=300,
                      config_id="pc-tidewater-app", key="vk-tidewater-app", sdk="portkey-node/1.21.0"),
               stream(a["id"], model="gpt-4.1", per_minute=30, p50=1300, p95=3000, prompt=3000, completion=500,
                      config_id="pc-tidewater-rollup", key="vk-tidewater-batch", sdk="portkey-python/1.22.0"),
               cycle(stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=10, p50=1400,
                            p95=3200, config_id="pc-sequoia-notes"), 14, 23, 0.3)]
    an = [volume(D + "T00:00:00Z", at(D, "03:00"), {"config_id": "pc-tidewater-rollup"}, 0.0),
          volume(at(D, "06:00"), None, {"config_id": "pc-tidewater-rollup"}, 0.0)]
    cfg = [one_target("pc-tidewater-app", a, "app", "vk-tidewater-openai", "gpt-4o", 30000),
           one_target("pc-tidewater-rollup", a, "rollup", "vk-tidewater-openai", "gpt-4.1", 60000),
           one_target("pc-sequoia-notes", b, "notes", "vk-sequoia-anthropic", "claude-sonnet-4-6", 60000)]
    bill = {"meter": "llm_tokens", "unit": "tokens", "counts": ["prompt_tokens", "completion_tokens"],
            "cached_tokens": "excluded", "unit_amount_decimal": "0.0002", "faults": [],
            "invoices": [{"id": "in_1Tide0601", "org": a["id"], "status": "open", "from": at(D, "00:00"),
                          "to": "2030-06-02T00:00:00Z"}]}
    t = [ticket(28701, a, "June 1 invoice includes May usage?",
                "Hi,\n\nInvoice in_1Tide0601 for June 1 is about twice what our usage dashboard shows for June 1. Our "
                "month-end rollup ran on May 31 (evening, Pacific) and should be on May's bill, not June's. I also "
                "saw your status page had a billing incident and that you shipped a metering change on Saturday - "
                "looks like something double counted or landed on the wrong day.\n\nCan you take a look and "
                "reissue?\n\nBest,\nOwen Park\nFinance Ops, Tidewater Analytics", "2030-06-02T04:50:00Z",
                "Owen Park")]
    return scenario("", "token-billing-month-boundary-pacific-no-fault-english",
                    "English ticket (Los Angeles summer time) saying the June 1 invoice holds May usage: "
                    "Tidewater's month-end rollup ran 03:00-06:00 UTC on 1 June (evening of 31 May in PDT); the "
                    "invoice of the UTC day equals the logs' prompt + completion tokens and the customer's dashboard "
                    "reads Pacific days (no_fault_found). A metering retry deploy that day and an invoice-"
                    "finalization incident on our Billing status component after the period are bystanders among "
                    "15 routine deploys.",
                    now, CO, [a, b], "2030-06-01T00:00:00Z", 28701, streams, an, t,
                    {28701: truth("token-billing", "no_fault_found", ["stripe:invoice:in_1Tide0601"],
                                  [f"github:deployment:{her}", inc], ["UTC"])},
                    github=gh, configs=cfg, billing=bill, statuspage=sp, docs=[DOC_INVOICES])


DOC_METADATA_OFF = doc("docs/observability/metadata.md", "Custom metadata",
                       "# Custom metadata\n\nSend metadata as a JSON object in the `x-portkey-metadata` header or "
                       "the SDK's `metadata` option; it is stored with the request log and forwarded to the "
                       "provider, on every route (chat completions, responses, embeddings). Keys are case "
                       "sensitive, values at most 128 characters.\n\n## Turning it off per config\n\nA config with "
                       "`\"logging\": {\"metadata\": \"off\"}` stores no metadata for the requests that use it.\n")


def metadata_responses_deploy_and_config_es():
    """Two causes: our deploy at 13:04 drops metadata on /v1/responses for every org from 13:06;
    the customer's reports config was saved at 16:40 with logging.metadata off."""
    D, now = "2030-01-15", "2030-01-15T21:00:00Z"
    a = org("org_ceibo", "Ceibo Finanzas", "ceibofinanzas.com.ar", "enterprise")
    b = org("org_hornero", "Hornero Logística", "hornerologistica.com.ar", "scale")
    c = org("org_yaguarete", "Yaguareté Studio", "yaguarete.studio", "growth")
    gh = github(CO, 28801, "2030-01-14T18:00:00Z", now, 24)
    bad = gh.deploy(28840, at(D, "13:04"), "responses: relay rewrite for /v1/responses",
                    ["src/routes/responses.ts", "src/logs/request-log.ts"],
                    message="routes/responses: new relay; build the log row from the upstream response (#5188)")
    near = gh.deploy(28841, at(D, "16:31"), "logs: metadata filter chips",
                     ["ui/logs/metadata-chips.tsx"])
    lin = [linear_issue("GW-3515", "Metadata values over 128 characters are cut silently",
                        "Values longer than 128 characters are truncated without a warning.",
                        "2030-01-03T10:00:00Z", labels=("bug", "metadata"))]
    # From 13:06 UTC (10:06 in Buenos Aires), two minutes after deploy #28840, every org's
    # /v1/responses requests are logged without metadata: Ceibo's assistant and Yaguareté's agent;
    # the chat-completions traffic of every org keeps it (Hornero's, Ceibo's collections bot). At
    # 16:40 UTC (13:40) Ceibo's reports config pc-ceibo-reportes (chat completions) was saved with
    # `"logging": {"metadata": "off"}`, which the doc describes: its requests keep none from then.
    # Primary: the deploy (more requests, two orgs); secondary: the config.
    streams = [cycle(stream(a["id"], route="/v1/responses", model="gpt-4.1", per_minute=12, p50=1300, p95=3000,
                            config_id="pc-ceibo-asistente", key="vk-ceibo-app", sdk="portkey-node/1.21.0",
                            metadata={"cliente": "c-40912", "canal": "app"}), 12, 23, 0.3),
               stream(a["id"], model="gpt-4.1-mini", per_minute=5, p50=600, p95=1500, config_id="pc-ceibo-reportes",
                      key="vk-ceibo-backoffice", sdk="portkey-python/1.22.0",
                      metadata={"reporte": "mora-diaria", "sucursal": "caba"}),
               stream(a["id"], model="gpt-4.1-mini", per_minute=4, p50=600, p95=1500, config_id="pc-ceibo-cobranzas",
                      key="vk-ceibo-backoffice", sdk="portkey-python/1.22.0",
                      metadata={"campania": "enero", "sucursal": "cordoba"}),
               stream(b["id"], per_minute=7, config_id="pc-hornero-rutas", metadata={"deposito": "d-3"}),
               stream(c["id"], route="/v1/responses", model="gpt-4.1", per_minute=4, p50=1300, p95=3000,
                      config_id="pc-yaguarete-agente", metadata={"proyecto": "p-77"})]
    an = [metadata_dropped(at(D, "13:06"), None, {"route": "/v1/responses"}),
          metadata_dropped(at(D, "16:40"), None, {"config_id": "pc-ceibo-reportes"})]
    rep = config("pc-ceibo-reportes", a["id"], "reportes", [target("vk-ceibo-openai", "gpt-4.1-mini", 30000)],
                 updated=at(D, "16:40"))
    rep["config"]["logging"] = {"metadata": "off"}
    cfg = [one_target("pc-ceibo-asistente", a, "asistente", "vk-ceibo-openai", "gpt-4.1", 60000), rep,
           one_target("pc-ceibo-cobranzas", a, "cobranzas", "vk-ceibo-openai", "gpt-4.1-mini", 30000),
           one_target("pc-hornero-rutas", b, "rutas", "vk-hornero-openai", "gpt-4o", 30000),
           one_target("pc-yaguarete-agente", c, "agente", "vk-yaguarete-openai", "gpt-4.1", 60000)]
    t = [ticket(28801, a, "Metadata vacía en el asistente y en reportes",
                "Hola, ¿qué tal?\n\nDesde esta mañana, más o menos a las 10 (hora de Buenos Aires), las "
                "llamadas de nuestro asistente aparecen en los logs sin metadata: ni cliente ni canal. Y desde "
                "después del almuerzo pasa lo mismo con los reportes diarios (reporte, sucursal). Cobranzas, que "
                "usa el mismo SDK y la misma key que reportes, sigue bien. Creemos que es algo del SDK de Python, "
                "pero el asistente usa el de Node...\n\nNecesitamos la metadata para conciliar por cliente, "
                "¿pueden revisar?\n\nSaludos,\nMartín Giménez\nPlataforma, Ceibo Finanzas",
                at(D, "20:10"), "Martín Giménez")]
    return scenario("", "metadata-responses-deploy-and-config-spanish",
                    "Spanish ticket (Buenos Aires) with two causes: deploy #28840 rewrote the /v1/responses relay "
                    "at 13:04 UTC and from 13:06 every org's /v1/responses requests are logged without metadata "
                    "(primary, deploy_regression); Ceibo's pc-ceibo-reportes was saved at 16:40 with "
                    "logging.metadata off, which the doc describes (secondary, customer_config). The collections "
                    "config on the same SDK and key keeps its metadata; a filter-chips deploy at 16:31 and a "
                    "truncation bug are bystanders among 24 routine deploys. The customer guesses its SDK.",
                    now, CO, [a, b, c], "2030-01-14T18:00:00Z", 28801, streams, an, t,
                    {28801: truth("metadata", "deploy_regression", [f"github:deployment:{bad}"],
                                  [f"github:deployment:{near}", "linear:issue:GW-3515", "config:pc-ceibo-cobranzas"],
                                  ["/v1/responses"],
                                  secondary=[secondary("customer_config", ["config:pc-ceibo-reportes"])])},
                    github=gh, configs=cfg, linear=lin, docs=[DOC_METADATA_OFF])


ALL = [webhook_receiver_502_no_word_es, webhook_signature_deploy_ja, metadata_present_wrong_view_pt,
       metadata_config_logging_off_big_org_en, billing_input_minimum_new_year_fr, billing_cached_meter_doubled_de,
       billing_month_boundary_pacific_no_fault_en, metadata_responses_deploy_and_config_es]

if __name__ == "__main__":
    write_all(ALL)
