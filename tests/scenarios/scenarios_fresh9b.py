#!/usr/bin/env python3
"""Eight library scenarios of the webhook-failures, metadata and token-billing playbooks and plain
questions, written before the engine ran on them, whose truths name every ref a careful engineer
would cite for the cause (the deploy and the endpoint it broke, the invoice and the filed bug, the
SDK version and the docs page saying what it lacks, the invoice and the docs page explaining it):
a customer's receiver answering 503 after its own maintenance window beside our retry deploy (a
Spanish ticket that never says "webhook"); a payload deploy of ours that every endpoint of every org
refuses (a Portuguese ticket about "notificações"); deliveries all answered 2xx at the registered URL
while the customer watches its old one (German, "wir haben nichts geändert"); metadata lost only on
requests of an old Python SDK the docs list as not sending it (French); an output meter counting one
model's tokens twice, filed in Jira beside look-alike issues (Japanese); a cached-input line billed at
its documented price read as a double charge by a customer summing every line (English, thousands
separators, a Stripe customer without org_id); a plain question about SSO beside a question-form
ticket that does report doubled tokens (German and Spanish); and metadata lost on embeddings by our
deploy beside an SDK major release on one service of a big org (two causes).

March 2030: the US on summer time from 10 March (New York UTC-4), Europe not until 31 March (Lisbon
UTC+0, Berlin UTC+1); Mexico City UTC-6, Bogotá UTC-5 and Tokyo UTC+9 all year.
October 2030: Europe on summer time until 27 October (Paris UTC+2), then standard time (Berlin UTC+1)
while the US stays on summer time until 3 November (Toronto and Chicago UTC-4/-5).
Every truth below is read from the data declared next to it (anomalies, configs, meters and their
faults, webhook failures, deploys, releases, issues, incidents, docs). Run it to rewrite the JSON
files."""
from compose import *  # noqa: F401,F403
from scenarios_fresh import cycle, failures, hooks
from scenarios_fresh3a import jira_issue
from scenarios_fresh4a import meter

CO = {"name": "Relay AI", "github_repo": "relay-ai/gateway"}

DOC_WEBHOOK_PAYLOAD = doc("docs/webhooks/payload.md", "Webhook payloads",
                          "# Webhook payloads\n\nEvery event is POSTed as JSON with `type`, `id`, `created_at` and "
                          "the event's fields at the top level (`request_id`, `status`, `model`, `usage`). Answer "
                          "2xx within 10 s; any other answer is a failed delivery and is retried five times with "
                          "backoff.\n")


def webhook_receiver_503_after_maintenance_es():
    """The customer's main receiver refuses connections during its own Sunday maintenance window and
    answers 503 to every delivery after it; the ticket speaks of avisos, callbacks and eventos only.
    Our retry deploy went live inside the window; the org's alerts endpoint and other orgs' endpoints
    answer 200 throughout."""
    D, now = "2030-03-17", "2030-03-17T20:30:00Z"
    a = org("org_colibri", "Colibrí Pagos", "colibripagos.mx", "enterprise")
    b = org("org_ajolote", "Ajolote Studio", "ajolote.studio", "scale")
    c = org("org_cenote", "Cenote Salud", "cenotesalud.mx", "growth")
    gh = github(CO, 33101, "2030-03-16T16:00:00Z", now, 20)
    her = gh.deploy(33140, at(D, "09:52"), "webhooks: jittered backoff between delivery retries",
                    ["src/webhooks/retry.ts", "src/webhooks/retry.test.ts"])
    lin = [linear_issue("GW-5105", "Webhook delivery log: attempts after the third not listed",
                        "The dashboard's delivery log lists at most three attempts per event.",
                        "2030-03-08T10:00:00Z", labels=("bug", "dashboard"))]
    # Colibrí's main receiver (api.colibripagos.mx, request.completed and request.failed, ~8
    # deliveries a minute) refuses connections from 08:00 to 10:00 UTC on Sunday 17 March (02:00-04:00
    # in Mexico City, UTC-6: the customer's own maintenance window, which its ticket names) and
    # answers 503 to every attempt from 10:02 UTC on, and still does that afternoon. Its alerts endpoint
    # (budget.exceeded, another host) and the other orgs' endpoints answer 200 before, during and
    # after. Our retry deploy at 09:52 changes the spacing of retries, not what is sent, and every
    # other endpoint keeps answering 200 after it: a bystander. The cause is the customer's
    # receiver, cited by its endpoint.
    streams = [cycle(stream(a["id"], per_minute=16, p50=900, p95=2200, error_rate=0.02,
                            config_id="pc-colibri-cobros", key="vk-colibri-app", sdk="portkey-node/2.10.0"),
                     13, 23, 0.3),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=5, p50=1500, p95=3400,
                      config_id="pc-colibri-fraude", key="vk-colibri-riesgo", sdk="portkey-python/1.24.0"),
               stream(b["id"], model="gpt-4.1-mini", per_minute=7, p50=600, p95=1500, config_id="pc-ajolote-app"),
               stream(c["id"], per_minute=4, config_id="pc-cenote-citas")]
    cfg = [one_target("pc-colibri-cobros", a, "cobros", "vk-colibri-openai", "gpt-4o", 30000),
           one_target("pc-colibri-fraude", a, "fraude", "vk-colibri-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-ajolote-app", b, "app", "vk-ajolote-openai", "gpt-4.1-mini", 30000),
           one_target("pc-cenote-citas", c, "citas", "vk-cenote-openai", "gpt-4o", 30000)]
    main = "https://api.colibripagos.mx/integraciones/relay/eventos"
    alerts = "https://alertas.colibripagos.mx/relay"
    ajolote = "https://hooks.ajolote.studio/relay"
    wh = hooks((a["id"], main, ["request.completed", "request.failed"], 8, 170),
               (a["id"], alerts, ["budget.exceeded", "usage.threshold"], 0.5, 200),
               (b["id"], ajolote, ["request.completed"], 4, 130),
               (c["id"], "https://cenotesalud.mx/api/relay-eventos", ["request.completed"], 2, 150),
               anomalies=[failures(at(D, "08:00"), at(D, "10:00"), main, 1.0, 0, "connection_refused"),
                          failures(at(D, "10:02"), None, main, 1.0, 503, "")])
    t = [ticket(33101, a, "Dejaron de llegar los avisos a nuestra URL de eventos",
                "Buenas tardes:\n\nDesde esta madrugada ya no nos llegan los avisos de solicitudes "
                "completadas y fallidas a nuestra URL de eventos (api.colibripagos.mx). Hoy de 2:00 a 4:00 "
                "(hora del centro de México) tuvimos nuestra ventana de mantenimiento programada, pero terminó "
                "a tiempo y nuestra API responde normal; la probamos con Postman y contesta. Las alertas de "
                "presupuesto sí siguen llegando al otro host.\n\n¿Cambiaron algo hoy en cómo envían los "
                "callbacks? ¿Tal vez otra IP de salida? Nuestro firewall sólo deja pasar las IPs que tenemos "
                "documentadas.\n\nSaludos cordiales,\nIng. Rodrigo Villaseñor\nIntegraciones · Colibrí Pagos",
                "2030-03-17T19:40:00Z", "Rodrigo Villaseñor", priority="high")]
    return scenario("", "webhook-failures-receiver-503-after-maintenance-spanish",
                    "Mexican Spanish ticket (Mexico City, UTC-6) about avisos and callbacks to its events URL, never "
                    "naming webhooks: the customer's main receiver refuses connections in its own maintenance window "
                    "(08:00-10:00 UTC Sunday) and answers 503 to every delivery from 10:02 UTC on, while its alerts "
                    "endpoint and other orgs' endpoints answer 200 (customer_endpoint). Our retry-backoff deploy at "
                    "09:52 and a delivery-log bug are bystanders among 20 routine deploys.",
                    now, CO, [a, b, c], "2030-03-16T16:00:00Z", 33101, streams, [], t,
                    {33101: truth("webhook-failures", "customer_endpoint", [f"endpoint:{main}"],
                                  [f"github:deployment:{her}", "linear:issue:GW-5105", f"endpoint:{alerts}",
                                   f"endpoint:{ajolote}"], ["503"])},
                    github=gh, webhooks=wh, configs=cfg, linear=lin, docs=[DOC_WEBHOOKS])


def webhook_payload_deploy_every_org_pt():
    """Our deploy moves every event's fields under `data`; two minutes later every endpoint of every
    org answers 400 or 422. The ticket speaks of "notificações no nosso endpoint" and suspects the
    customer's own firewall change of the day before."""
    Y, D, now = "2030-03-20", "2030-03-21", "2030-03-21T13:00:00Z"
    a = org("org_gaivota", "Gaivota Seguros", "gaivotaseguros.pt", "enterprise")
    b = org("org_sardinha", "Sardinha Digital", "sardinha.digital", "scale")
    c = org("org_lince", "Lince Mobilidade", "lincemobilidade.pt", "growth")
    gh = github(CO, 33201, "2030-03-20T08:00:00Z", now, 21)
    bad = gh.deploy(33240, at(D, "10:31"), "webhooks: envelope v3",
                    ["src/webhooks/payload.ts", "src/webhooks/serialize.ts", "src/webhooks/payload.test.ts"],
                    message="webhooks: wrap every event's fields in `data` and send `type` as `event` (#5342)")
    near = gh.deploy(33241, at(D, "10:12"), "dashboard: paginate the webhook endpoint list",
                     ["ui/webhooks/endpoint-list.tsx"])
    lin = [linear_issue("GW-5210", "Webhook test button sends a sample with an empty usage object",
                        "The dashboard's 'send test event' posts `usage: {}`.", "2030-03-12T10:00:00Z",
                        labels=("bug", "webhooks"))]
    # From 10:33 UTC on 21 March (10:33 in Lisbon, UTC+0 until 31 March), two minutes after deploy
    # #33240 went live with the new envelope, every endpoint of every org rejects the deliveries:
    # Gaivota's two (400), Sardinha's (400), Lince's validator (422). Nothing failed before 10:33.
    # Gaivota changed its firewall the day before at 16:00 UTC and deliveries kept succeeding for
    # eighteen hours after it. The endpoint-list deploy of 10:12 is dashboard code. The cause is the
    # deploy; the endpoint the ticket names is where the customer sees it fail.
    streams = [cycle(stream(a["id"], per_minute=14, p50=900, p95=2200, config_id="pc-gaivota-sinistros",
                            key="vk-gaivota-app", sdk="portkey-python/1.24.0"), 8, 20, 0.3),
               stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=6, p50=500, p95=1200,
                      config_id="pc-gaivota-triagem", key="vk-gaivota-app", sdk="portkey-python/1.24.0"),
               stream(b["id"], model="gpt-4.1-mini", per_minute=8, p50=600, p95=1500, config_id="pc-sardinha-bot"),
               stream(c["id"], per_minute=4, config_id="pc-lince-rotas")]
    cfg = [one_target("pc-gaivota-sinistros", a, "sinistros", "vk-gaivota-openai", "gpt-4o", 30000),
           one_target("pc-gaivota-triagem", a, "triagem", "vk-gaivota-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-sardinha-bot", b, "bot", "vk-sardinha-openai", "gpt-4.1-mini", 30000),
           one_target("pc-lince-rotas", c, "rotas", "vk-lince-openai", "gpt-4o", 30000)]
    main = "https://eventos.gaivotaseguros.pt/relay/notificacoes"
    claims = "https://sinistros.gaivotaseguros.pt/hooks/relay"
    lince = "https://api.lincemobilidade.pt/relay/eventos"
    wh = hooks((a["id"], main, ["request.completed", "request.failed"], 7, 160),
               (a["id"], claims, ["request.completed"], 3, 190),
               (b["id"], "https://hooks.sardinha.digital/relay", ["request.completed"], 4, 130),
               (c["id"], lince, ["request.completed", "budget.exceeded"], 2, 150),
               anomalies=[{"kind": "failures", "from": at(D, "10:33"), "to": None, "match": {"org": a["id"]},
                           "rate": 1.0, "status": 400, "error": ""},
                          {"kind": "failures", "from": at(D, "10:33"), "to": None, "match": {"org": b["id"]},
                           "rate": 1.0, "status": 400, "error": ""},
                          failures(at(D, "10:33"), None, lince, 1.0, 422, "")])
    t = [ticket(33201, a, "Notificações deixaram de chegar ao nosso endpoint",
                "Bom dia,\n\nDesde as 10h35 de hoje (hora de Lisboa) as notificações no nosso endpoint "
                "https://eventos.gaivotaseguros.pt/relay/notificacoes deixaram de ser aceites: o nosso serviço "
                "regista pedidos a chegar, mas responde 400 porque não encontra o campo request_id. O endpoint "
                "dos sinistros também parece afetado. Ontem à tarde alterámos regras da firewall, por isso "
                "desconfiamos que seja do nosso lado, mas gostaríamos que confirmassem se houve alguma mudança "
                "na vossa parte.\n\nExcerto do nosso log:\n```\n2030-03-21T10:35:02Z WARN relay-hook 400 "
                "missing field 'request_id' keys=[event,id,created_at,data]\n```\n\nCumprimentos,\nInês Mourato\n"
                "Arquitetura de Integração, Gaivota Seguros", at(D, "12:10"), "Inês Mourato", priority="high")]
    return scenario("", "webhook-failures-payload-deploy-every-org-portuguese",
                    "European Portuguese ticket (Lisbon, UTC+0 in March) about 'notificações no nosso endpoint', "
                    "suspecting its own firewall change: deploy #33240 (envelope v3) went live at 10:31 UTC and from "
                    "10:33 every endpoint of every org answers 400 or 422; nothing failed before and the firewall "
                    "change was eighteen hours earlier (deploy_regression, cited with the endpoint named). An "
                    "endpoint-list deploy at 10:12 and a test-event bug are bystanders among 21 routine deploys.",
                    now, CO, [a, b, c], "2030-03-20T08:00:00Z", 33201, streams, [], t,
                    {33201: truth("webhook-failures", "deploy_regression", [f"github:deployment:{bad}", f"endpoint:{main}"],
                                  [f"github:deployment:{near}", "linear:issue:GW-5210"], ["10:33"])},
                    github=gh, webhooks=wh, configs=cfg, linear=lin, docs=[DOC_WEBHOOKS, DOC_WEBHOOK_PAYLOAD])


def webhook_delivered_old_url_de():
    """Every delivery to the org's registered endpoint is answered 2xx; the customer reads the logs
    of an old host it no longer registers. Another org's endpoint fails (expired certificate), our
    signing deploy the day before changed nothing that fails."""
    Y, D, now = "2030-10-28", "2030-10-29", "2030-10-29T10:00:00Z"
    a = org("org_falke", "Falke Logistik", "falke-logistik.de", "enterprise")
    b = org("org_otter", "Otter Finanz", "otter-finanz.de", "scale")
    c = org("org_luchs", "Luchs Medien", "luchs-medien.at", "growth")
    gh = github(CO, 33301, "2030-10-28T05:00:00Z", now, 18)
    her = gh.deploy(33340, at(Y, "13:14"), "webhooks: optional sha512 signature header",
                    ["src/webhooks/sign.ts", "src/webhooks/sign.test.ts"])
    lin = [linear_issue("GW-5330", "Delivery log times shown in the browser's zone without a label",
                        "The delivery log shows times in local time but labels nothing.", "2030-10-20T10:00:00Z",
                        labels=("bug", "dashboard"))]
    # Falke's registered endpoint (api.falke-logistik.de/v2/relay/webhooks, request.completed and
    # request.failed, ~6 deliveries a minute) answers 200 to every attempt from 28 October 05:00 UTC on,
    # before and after the sha512 deploy of 13:14 UTC on 28 October (14:14 in Berlin, UTC+1 since 27
    # October). The host the ticket watches (hooks.falke-logistik.de/relay) is not a registered
    # endpoint: nothing is sent there. Otter's endpoint fails tls_error from 28 October 09:00 (its
    # own certificate), another org. Nothing is wrong with Falke's deliveries; the registered
    # endpoint's 2xx answers are the evidence.
    streams = [cycle(stream(a["id"], per_minute=18, p50=900, p95=2200, error_rate=0.03,
                            config_id="pc-falke-touren", key="vk-falke-dispo", sdk="portkey-python/1.26.0"),
                     6, 18, 0.3),
               stream(a["id"], model="gpt-4.1-mini", per_minute=7, p50=600, p95=1500, error_rate=0.03,
                      config_id="pc-falke-zoll", key="vk-falke-zoll", sdk="portkey-node/2.12.0"),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=6, p50=1500, p95=3400,
                      config_id="pc-otter-berater"),
               stream(c["id"], per_minute=4, config_id="pc-luchs-redaktion")]
    cfg = [one_target("pc-falke-touren", a, "touren", "vk-falke-openai", "gpt-4o", 30000),
           one_target("pc-falke-zoll", a, "zoll", "vk-falke-openai", "gpt-4.1-mini", 30000),
           one_target("pc-otter-berater", b, "berater", "vk-otter-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-luchs-redaktion", c, "redaktion", "vk-luchs-openai", "gpt-4o", 30000)]
    registered = "https://api.falke-logistik.de/v2/relay/webhooks"
    otter = "https://relay.otter-finanz.de/events"
    wh = hooks((a["id"], registered, ["request.completed", "request.failed"], 6, 140),
               (b["id"], otter, ["request.completed"], 4, 150),
               (c["id"], "https://luchs-medien.at/hooks/relay", ["request.completed"], 2, 160),
               anomalies=[failures(at(Y, "09:00"), None, otter, 1.0, 0, "tls_error")])
    t = [ticket(33301, a, "Keine Events mehr seit gestern",
                "Guten Morgen,\n\nseit gestern Nachmittag kommen bei uns keine Events mehr an. Unser Empfänger "
                "unter https://hooks.falke-logistik.de/relay zeigt seit ca. 14 Uhr (MEZ) keinen einzigen "
                "Aufruf mehr. Wir haben nichts geändert – weder am Empfänger noch an der Firewall. Habt ihr "
                "gestern etwas an der Signatur umgestellt? In eurem Changelog stand etwas von sha512.\n\nBitte "
                "um kurzfristige Rückmeldung, die Disposition arbeitet gerade ohne Statusmeldungen.\n\nMit "
                "freundlichen Grüßen\nKatrin Böhm\nIT-Integration, Falke Logistik GmbH", at(D, "08:45"),
                "Katrin Böhm")]
    return scenario("", "webhook-failures-delivered-old-url-german-negation",
                    "German ticket (Berlin, UTC+1 two days after the clocks went back) with a negation ('wir "
                    "haben nichts geändert') and a guess at our sha512 deploy: every delivery to Falke's registered "
                    "endpoint api.falke-logistik.de/v2/relay/webhooks is answered 200 before and after the deploy; "
                    "the host the customer watches is not registered (no_fault_found). Another org's endpoint "
                    "failing tls_error, the sha512 deploy and a delivery-log bug are bystanders among 18 routine "
                    "deploys.",
                    now, CO, [a, b, c], "2030-10-28T05:00:00Z", 33301, streams, [], t,
                    {33301: truth("webhook-failures", "no_fault_found", [f"endpoint:{registered}"],
                                  [f"github:deployment:{her}", "linear:issue:GW-5330", f"endpoint:{otter}"],
                                  ["api.falke-logistik.de"])},
                    github=gh, webhooks=wh, configs=cfg, linear=lin, docs=[DOC_WEBHOOKS])


DOC_SDK_VERSIONS = doc("docs/sdk/versions.md", "SDK versions and features",
                       "# SDK versions and features\n\n| SDK | version | custom metadata |\n|---|---|---|\n"
                       "| portkey-python | 1.5.0 and later | sent as `x-portkey-metadata` |\n"
                       "| portkey-python | before 1.5.0 | not sent: the `metadata` option is accepted and ignored |\n"
                       "| portkey-node | 1.8.0 and later | sent as `x-portkey-metadata` |\n"
                       "| portkey-node | before 1.8.0 | not sent |\n\nRequests from an SDK that does not send "
                       "the header are stored without metadata. Upgrade the SDK, or set the header yourself.\n")


def metadata_old_python_sdk_fr():
    """A new reminders service of the org runs portkey-python 1.3.2, which the SDK page lists as not
    sending metadata; its requests carry none since it started on Monday. The org's portal on
    portkey-python 1.24.0 and its node service keep theirs; our metadata-storage deploy that Monday
    touched every org."""
    Y, D, now = "2030-10-14", "2030-10-15", "2030-10-15T12:00:00Z"
    a = org("org_heron", "Héron Assurances", "heron-assurances.fr", "enterprise")
    b = org("org_cigogne", "Cigogne Immobilier", "cigogne-immo.fr", "scale")
    gh = github(CO, 33401, "2030-10-14T06:00:00Z", now, 17)
    her = gh.deploy(33440, at(Y, "07:48"), "logs: compress the metadata column",
                    ["src/logs/writer.ts", "src/logs/schema/metadata.sql"])
    gh.release(99941, "v1.24.1", "portkey-python v1.24.1",
               "## Fixes\n\n- Retries honour `retry-after` on 429.\n", "2030-10-10T09:00:00Z")
    lin = [linear_issue("GW-5410", "Metadata keys with capitals are lower-cased in CSV exports",
                        "Exporting logs to CSV lower-cases metadata keys.", "2030-10-07T10:00:00Z",
                        labels=("bug", "metadata"))]
    # Héron: a customer portal (portkey-python 1.24.0, metadata dossier/canal), a claims assistant on
    # Claude (portkey-node 2.12.0, metadata dossier) and, from Monday 14 October 08:00 UTC (10:00 in
    # Paris, summer time), a new reminders batch on portkey-python 1.3.2. Every request of
    # portkey-python/1.3.2 carries no metadata (Cigogne's old worker too); the SDK page says versions
    # before 1.5.0 never send it. The portal and the assistant keep theirs before and after our
    # metadata-column deploy of 07:48. A careful engineer cites the SDK version and the page that
    # says it lacks the header.
    streams = [cycle(stream(a["id"], per_minute=12, p50=900, p95=2200, config_id="pc-heron-portail",
                            key="vk-heron-web", sdk="portkey-python/1.24.0",
                            metadata={"dossier": "SIN-2030-44812", "canal": "web"}), 6, 20, 0.3),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=5, p50=1500, p95=3400,
                      config_id="pc-heron-sinistres", key="vk-heron-gestion", sdk="portkey-node/2.12.0",
                      metadata={"dossier": "SIN-2030-40017"}),
               stream(a["id"], model="gpt-4.1-mini", per_minute=9, p50=600, p95=1500, config_id="pc-heron-relances",
                      key="vk-heron-batch", sdk="portkey-python/1.3.2",
                      metadata={"dossier": "REL-2030-0091", "campagne": "octobre"}),
               stream(b["id"], per_minute=5, config_id="pc-cigogne-annonces", sdk="portkey-python/1.3.2",
                      metadata={"agence": "lyon"}),
               stream(b["id"], model="gpt-4.1-mini", per_minute=4, p50=600, p95=1500, config_id="pc-cigogne-chat",
                      sdk="portkey-node/2.12.0", metadata={"agence": "nantes"})]
    an = [volume("2030-10-14T06:00:00Z", at(Y, "08:00"), {"config_id": "pc-heron-relances"}, 0.0),
          metadata_dropped("2030-10-14T06:00:00Z", None, {"sdk": "portkey-python/1.3.2"})]
    cfg = [one_target("pc-heron-portail", a, "portail", "vk-heron-openai", "gpt-4o", 30000),
           one_target("pc-heron-sinistres", a, "sinistres", "vk-heron-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-heron-relances", a, "relances", "vk-heron-openai", "gpt-4.1-mini", 30000),
           one_target("pc-cigogne-annonces", b, "annonces", "vk-cigogne-openai", "gpt-4o", 30000),
           one_target("pc-cigogne-chat", b, "chat", "vk-cigogne-openai", "gpt-4.1-mini", 30000)]
    t = [ticket(33401, a, "Métadonnées absentes sur une partie de nos requêtes",
                "Bonjour,\n\nDepuis hier matin, une partie de nos requêtes apparaît dans vos logs sans aucune "
                "métadonnée : ni « dossier » ni « campagne ». Le portail client et l'assistant sinistres sont "
                "corrects. Nous avons vu que vous avez modifié le stockage des métadonnées hier vers 10 h ; "
                "est-ce que la compression a pu effacer certaines valeurs ? Nous passons pourtant bien "
                "metadata={...} à chaque appel, comme dans votre documentation.\n\nExtrait de notre code :\n"
                "```python\nclient.chat.completions.create(model=\"gpt-4.1-mini\", messages=msgs,\n"
                "    metadata={\"dossier\": dossier.ref, \"campagne\": \"octobre\"})\n```\n\nBien cordialement,\n"
                "Aurélien Marchand\nDirection technique, Héron Assurances", at(D, "09:30"), "Aurélien Marchand")]
    return scenario("", "metadata-old-python-sdk-documented-french",
                    "French ticket (Paris summer time) blaming our metadata-compression deploy: only requests sent "
                    "with portkey-python/1.3.2 carry no metadata (Héron's reminders batch started on Monday, and "
                    "another org's worker), which the SDK versions page says never sends it before 1.5.0, while "
                    "the org's portal on 1.24.0 and its node assistant keep theirs (sdk_version, cited with the "
                    "docs page). The compression deploy, a CSV export bug and an unrelated SDK release are "
                    "bystanders among 17 routine deploys.",
                    now, CO, [a, b], "2030-10-14T06:00:00Z", 33401, streams, an, t,
                    {33401: truth("metadata", "sdk_version", ["sdk:portkey-python/1.3.2", "docs:docs/sdk/versions.md"],
                                  [f"github:deployment:{her}", "linear:issue:GW-5410", "config:pc-heron-portail",
                                   "github:release:v1.24.1"], ["1.5.0"])},
                    github=gh, configs=cfg, linear=lin, docs=[DOC_METADATA, DOC_SDK_VERSIONS])


DOC_THREE_LINES = doc("docs/billing/token-meters.md", "How tokens are invoiced",
                      "# How tokens are invoiced\n\nEvery daily invoice (UTC day) has three usage lines. **Input "
                      "tokens** counts the prompt tokens of every request minus the tokens the provider read from its "
                      "prompt cache, at the input price. **Output tokens** counts completion tokens (reasoning tokens "
                      "included), at the output price. **Cached input tokens** counts the cache reads, at a tenth of "
                      "the input price. The three lines together equal the prompt and completion tokens of the "
                      "request logs of the same UTC day; each line has its own price.\n")


def billing_output_meter_known_bug_ja():
    """The output meter counts o4-mini completion tokens twice since 20 March; a Jira bug filed on 22
    March describes that meter and model. A Linear bug about the input meter on Gemini and a closed
    Jira bug are look-alikes; our invoice-PDF deploy touched no meter."""
    D, now = "2030-03-26", "2030-03-27T03:00:00Z"
    a = org("org_tsubame", "Tsubame Shoji", "tsubame-shoji.co.jp", "enterprise")
    b = org("org_kamome", "Kamome Games", "kamome-games.jp", "scale")
    gh = github(CO, 33501, "2030-03-25T22:00:00Z", now, 16)
    her = gh.deploy(33540, at(D, "01:10"), "invoices: JPY equivalents rounded to whole yen",
                    ["src/billing/invoice-pdf.ts", "src/billing/fx.ts"])
    bug = jira_issue("BILL-412", 41200, "Output tokens meter counts o4-mini completions twice",
                     "Since the usage-worker change of 20 March (~06:00 UTC) the Output tokens meter receives two "
                     "events for every request served by o4-mini: the reasoning tokens are reported once in the "
                     "completion total and again as their own event.\n\nInput and Cached input meters are not "
                     "affected; other models are counted once. Affected invoices will get a credit note.",
                     "2030-03-22T08:30:00Z", labels=("bug", "billing", "metering"))
    done = jira_issue("BILL-398", 39800, "Cached input meter missed Bedrock cache reads",
                      "Bedrock cache reads were not sent to the Cached input tokens meter.", "2030-03-02T10:00:00Z",
                      status="Done", category="done", labels=("bug", "billing"))
    lin = [linear_issue("GW-5520", "Input meter does not subtract Gemini cache reads",
                        "Gemini's cachedContentTokenCount is not subtracted from the Input tokens meter.",
                        "2030-03-18T10:00:00Z", labels=("bug", "billing", "provider:google"))]
    # Tsubame: an analysis agent on o4-mini (long completions), a drafting tool on gpt-4.1 with 40% of
    # its prompt read from cache, a classifier on Claude Haiku. Three meters. From 20 March 06:00 UTC
    # the Output tokens meter counts every o4-mini request's completion tokens twice (BILL-412, open):
    # the Output tokens line of the invoice of 26 March (UTC day) is above the logs' completion tokens
    # by exactly the o4-mini share; the Input and Cached lines equal the logs. Tsubame uses no Gemini
    # (GW-5520); BILL-398 is Bedrock and done. A careful engineer cites the invoice and the bug.
    streams = [cycle(stream(a["id"], model="o4-mini", per_minute=8, p50=6000, p95=14000, prompt=2200,
                            completion=1800, config_id="pc-tsubame-bunseki", key="vk-tsubame-bunseki",
                            sdk="portkey-python/1.24.0"), 1, 10, 0.3),
               stream(a["id"], model="gpt-4.1", per_minute=10, p50=1300, p95=3000, prompt=3000, completion=400,
                      cached=0.4, config_id="pc-tsubame-bunsho", key="vk-tsubame-office", sdk="portkey-node/2.10.0"),
               stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=6, p50=500, p95=1200,
                      prompt=800, completion=80, config_id="pc-tsubame-bunrui", key="vk-tsubame-office",
                      sdk="portkey-node/2.10.0"),
               stream(b["id"], model="o4-mini", per_minute=5, p50=6000, p95=14000, prompt=1500, completion=1500,
                      config_id="pc-kamome-quest")]
    cfg = [one_target("pc-tsubame-bunseki", a, "bunseki", "vk-tsubame-openai", "o4-mini", 120000),
           one_target("pc-tsubame-bunsho", a, "bunsho", "vk-tsubame-openai", "gpt-4.1", 60000),
           one_target("pc-tsubame-bunrui", a, "bunrui", "vk-tsubame-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-kamome-quest", b, "quest", "vk-kamome-openai", "o4-mini", 120000)]
    bill = {"meter": "llm_input_tokens", "unit": "tokens", "counts": ["prompt_tokens"], "cached_tokens": "excluded",
            "unit_amount_decimal": "0.0002", "faults": [],
            "meters": [meter("llm_input_tokens", "Input tokens", ["prompt_tokens"], amount="0.0002"),
                       meter("llm_output_tokens", "Output tokens", ["completion_tokens"], amount="0.0008",
                             faults=[{"kind": "double_count", "from": "2030-03-20T06:00:00Z", "to": None,
                                      "match": {"model": "o4-mini"}}]),
                       meter("llm_cached_input_tokens", "Cached input tokens", ["cached_tokens"], amount="0.00002")],
            "invoices": [{"id": "in_1Tsubame0326", "org": a["id"], "status": "open", "from": at(D, "00:00"),
                          "to": "2030-03-27T00:00:00Z"}]}
    t = [ticket(33501, a, "3月26日分請求書の Output tokens 行について",
                "Relay サポートご担当者様\n\nいつも大変お世話になっております。燕商事 情報システム部の中村です。\n\n"
                "請求書 in_1Tsubame0326（3月26日分）を弊社の集計と突き合わせたところ、Input tokens と Cached "
                "input tokens の行は一致しましたが、Output tokens の行だけが弊社ログの completion_tokens 合計を"
                "大きく上回っております。先月までは一致しておりました。\n\n"
                "本日未明に請求書PDFの円換算表示が変わったようですが、その影響でしょうか。"
                "経理部への説明が必要なため、原因をご教示いただけますと幸いです。\n\n"
                "何卒よろしくお願い申し上げます。\n\n中村 彩\n燕商事株式会社 情報システム部",
                "2030-03-27T02:15:00Z", "Aya Nakamura")]
    return scenario("", "token-billing-output-meter-known-bug-japanese",
                    "Japanese ticket (JST) about the Output tokens line of a three-meter invoice, guessing our "
                    "invoice-PDF deploy: an open Jira bug (BILL-412) has the output meter count every o4-mini "
                    "request's completion tokens twice since 20 March; the Output line is above the logs by the "
                    "o4-mini share while the Input and Cached lines equal them (known_bug, cited with the invoice). "
                    "A Gemini input-meter bug in Linear, a closed Bedrock bug and the PDF deploy are bystanders "
                    "among 16 routine deploys.",
                    now, CO, [a, b], "2030-03-25T22:00:00Z", 33501, streams, [], t,
                    {33501: truth("token-billing", "known_bug", ["stripe:invoice:in_1Tsubame0326", "jira:issue:BILL-412"],
                                  [f"github:deployment:{her}", "linear:issue:GW-5520", "jira:issue:BILL-398"],
                                  ["o4-mini"])},
                    github=gh, configs=cfg, billing=bill, linear=lin, jira=[bug, done], docs=[DOC_THREE_LINES])


def billing_cached_line_summed_en():
    """Three meters; the cached-input line bills cache reads at the documented tenth of the input
    price and the input line excludes them. The customer adds every line's tokens as one meter at
    the input price and reads the cached line as a double charge. The Stripe customer has no
    org_id and is found by its e-mail sub-domain beside a namesake."""
    D, now = "2030-10-21", "2030-10-22T05:00:00Z"
    a = org("org_osprey", "Osprey Freight", "ospreyfreight.com", "scale")
    b = org("org_merlin", "Merlin Health", "merlinhealth.org", "enterprise")
    gh = github(CO, 33601, "2030-10-21T00:00:00Z", now, 15)
    her = gh.deploy(33640, at(D, "15:26"), "metering: batch meter events per minute",
                    ["src/billing/meter-client.ts", "src/billing/batch.ts"])
    pd = [pd_incident("PMTR1021", 9921, "Stripe meter event backlog above 10 minutes", "2030-10-22T03:05:00Z",
                      "2030-10-22T03:40:00Z", "Billing meters")]
    # Osprey (scale plan): a quoting assistant on gpt-4.1 with 60% of its prompt read from the cache and
    # a tracking chat on gpt-4.1-mini. Three meters (input = prompt minus cache reads, output, cached
    # input at a tenth of the input price); no fault on any. The invoice of 21 October (UTC day)
    # equals the logs line by line, and the three lines' tokens add up to the logs' prompt plus
    # completion tokens. The customer adds the three lines as one meter priced at the input rate and
    # reads the cached line as billed twice; the docs page says why it is not. Its Stripe customer
    # has no org_id metadata (billing@ap.ospreyfreight.com); an unrelated "Osprey Outdoors" customer
    # is a namesake. The meter batching deploy and the backlog page after the period are bystanders.
    quote = stream(a["id"], model="gpt-4.1", per_minute=12, p50=1300, p95=3000, prompt=6000, completion=450,
                   cached=0.6, config_id="pc-osprey-quotes", key="vk-osprey-sales", sdk="portkey-node/2.12.0")
    chat = stream(a["id"], model="gpt-4.1-mini", per_minute=8, p50=600, p95=1500, prompt=1200, completion=220,
                  config_id="pc-osprey-tracking", key="vk-osprey-web", sdk="portkey-node/2.12.0")
    streams = [quote, chat,
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=9, p50=1500, p95=3400,
                      cached=0.3, config_id="pc-merlin-notes")]
    # the customer's own day totals, rounded as a person would from its dashboard
    minutes = 1440
    prompt = minutes * (12 * 6000 + 8 * 1200)
    cached = minutes * 12 * 6000 * 0.6
    completion = minutes * (12 * 450 + 8 * 220)

    def m(x):
        return f"{round(x / 100000) * 100000:,.0f}"
    cfg = [one_target("pc-osprey-quotes", a, "quotes", "vk-osprey-openai", "gpt-4.1", 60000),
           one_target("pc-osprey-tracking", a, "tracking", "vk-osprey-openai", "gpt-4.1-mini", 30000),
           one_target("pc-merlin-notes", b, "notes", "vk-merlin-anthropic", "claude-sonnet-4-6", 60000)]
    bill = {"meter": "llm_input_tokens", "unit": "tokens", "counts": ["prompt_tokens"], "cached_tokens": "excluded",
            "unit_amount_decimal": "0.0002", "faults": [],
            "meters": [meter("llm_input_tokens", "Input tokens", ["prompt_tokens"], amount="0.0002"),
                       meter("llm_output_tokens", "Output tokens", ["completion_tokens"], amount="0.0008"),
                       meter("llm_cached_input_tokens", "Cached input tokens", ["cached_tokens"], amount="0.00002")],
            "invoices": [{"id": "in_1Osprey1021", "org": a["id"], "status": "open", "from": at(D, "00:00"),
                          "to": "2030-10-22T00:00:00Z"}]}
    namesake = {"id": "cus_OspreyOutdoors", "object": "customer", "email": "accounts@ospreyoutdoors.com",
                "name": "Osprey Outdoors", "created": 1735689600, "currency": "usd", "delinquent": False,
                "livemode": False, "metadata": {}}
    cus = [customer(a, email_user="billing@ap", with_org_id=False), customer(b), namesake]
    cus[0]["email"] = "billing@ap.ospreyfreight.com"
    t = [ticket(33601, a, "Invoice in_1Osprey1021 - cached tokens billed twice?",
                "Hello,\n\nWe're reconciling invoice in_1Osprey1021 (Oct 21) and I think the cached tokens are being "
                f"charged twice. Our dashboard shows about {m(prompt)} prompt tokens and {m(completion)} "
                f"completion tokens for the day, of which roughly {m(cached)} were cache hits. Your invoice has "
                "an Input line, an Output line AND a separate 'Cached input tokens' line. If I add all three "
                f"lines up I get about {m(prompt + completion)} tokens, and at your $2.00 per million that "
                "should be a lot more than the total you show, so the lines clearly aren't priced the way I "
                "expected either. Either way, billing cache hits on their own line on top of input looks like "
                "double counting to me. Did something change with the metering batch update on the 21st?\n\n"
                "Thanks,\nPriya Raman\nAccounts Payable, Osprey Freight (Chicago)", "2030-10-22T04:20:00Z",
                "Priya Raman")]
    return scenario("", "token-billing-cached-line-summed-english",
                    "English ticket (Chicago, summer time) with amounts written with thousands separators: the "
                    "customer adds the three token lines of invoice in_1Osprey1021 as one meter at the input price "
                    "and reads the Cached input tokens line as a double charge, while the input line excludes cache "
                    "reads and the cached line bills them at the documented tenth of the input price; every line "
                    "equals the logs (expected_behavior, cited with the docs page). The Stripe customer has no "
                    "org_id and is found by e-mail sub-domain beside a namesake. A meter batching deploy and a "
                    "backlog page after the period are bystanders among 15 routine deploys.",
                    now, CO, [a, b], "2030-10-21T00:00:00Z", 33601, streams, [], t,
                    {33601: truth("token-billing", "expected_behavior",
                                  ["stripe:invoice:in_1Osprey1021", "docs:docs/billing/token-meters.md"],
                                  [f"github:deployment:{her}", "pagerduty:incident:PMTR1021",
                                   "stripe:customer:cus_OspreyOutdoors"], ["in_1Osprey1021"])},
                    github=gh, configs=cfg, billing=bill, pagerduty=pd, stripe_customers=cus,
                    docs=[DOC_THREE_LINES, DOC_CACHING])


DOC_PLANS = doc("docs/account/plans.md", "Plans and features",
                "# Plans and features\n\n| feature | Growth | Scale | Enterprise |\n|---|---|---|---|\n"
                "| Single sign-on (SAML 2.0, OIDC) | no | yes | yes |\n| SCIM user provisioning | no | no | yes |\n"
                "| Audit log retention | 30 days | 90 days | 1 year |\n| Virtual keys and configs | unlimited | "
                "unlimited | unlimited |\n\nSSO is set up under Settings → Security by an admin of the "
                "organisation.\n")


def billing_doubled_question_and_sso_question():
    """A question-form ticket that reports a symptom (the invoice of yesterday shows twice the
    tokens): the single token meter counts every request twice from 00:00 UTC yesterday, for every
    org, with nothing filed. Beside it, two plain questions about SSO on the Scale plan, answered
    from the plans page, that must start no investigation."""
    Y, now = "2030-03-12", "2030-03-13T05:30:00Z"
    a = org("org_tucan", "Tucán Viajes", "tucanviajes.com.co", "scale")
    b = org("org_zorzal", "Zorzal Software", "zorzal-software.de", "scale")
    c = org("org_guacamaya", "Guacamaya Foods", "guacamayafoods.co", "growth")
    gh = github(CO, 33701, "2030-03-12T00:00:00Z", now, 19)
    her = gh.deploy(33740, at(Y, "00:12"), "invoices: Spanish invoice PDFs",
                    ["src/billing/invoice-pdf.ts", "src/billing/locales/es.ts"])
    lin = [linear_issue("GW-5640", "Usage page totals rounded to the nearest thousand",
                        "The usage page rounds token totals; invoices are exact.", "2030-03-04T10:00:00Z",
                        labels=("bug", "usage-ui"))]
    # One meter (prompt + completion, cache reads excluded). From 00:00 UTC on 12 March the meter
    # receives every request's event twice, for every org (a queue replay, no deploy, nothing filed):
    # Tucán's invoice of 12 March (UTC day) is twice its logs. The Spanish invoice-PDF deploy twelve
    # minutes after the start touched PDFs only. The ticket asks "is it
    # normal…?" about what it sees: an investigation (billing_pipeline, cited by the doubled
    # invoice). The German and Spanish SSO questions ask how the plan works: no investigation, a
    # reply from the plans page.
    streams = [cycle(stream(a["id"], per_minute=10, p50=900, p95=2200, prompt=1400, completion=300,
                            config_id="pc-tucan-reservas", key="vk-tucan-web", sdk="portkey-node/2.10.0"),
                     12, 23, 0.3),
               stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=5, p50=500, p95=1200,
                      prompt=800, completion=120, config_id="pc-tucan-resenas", key="vk-tucan-contenido",
                      sdk="portkey-python/1.24.0"),
               stream(b["id"], model="gpt-4.1-mini", per_minute=6, p50=600, p95=1500, config_id="pc-zorzal-docs"),
               stream(c["id"], per_minute=3, config_id="pc-guacamaya-menu")]
    cfg = [one_target("pc-tucan-reservas", a, "reservas", "vk-tucan-openai", "gpt-4o", 30000),
           one_target("pc-tucan-resenas", a, "resenas", "vk-tucan-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-zorzal-docs", b, "docs", "vk-zorzal-openai", "gpt-4.1-mini", 30000),
           one_target("pc-guacamaya-menu", c, "menu", "vk-guacamaya-openai", "gpt-4o", 30000)]
    bill = {"meter": "llm_tokens", "unit": "tokens", "counts": ["prompt_tokens", "completion_tokens"],
            "cached_tokens": "excluded", "unit_amount_decimal": "0.0002",
            "faults": [{"kind": "double_count", "from": at(Y, "00:00"), "to": None, "match": {}}],
            "invoices": [{"id": "in_1Tucan0312", "org": a["id"], "status": "open", "from": at(Y, "00:00"),
                          "to": "2030-03-13T00:00:00Z"}]}
    t = [ticket(33701, a, "¿Es normal que la factura de hoy tenga el doble de tokens?",
                "Hola equipo de Relay:\n\n¿Es normal que desde hoy la factura diaria muestre el doble de tokens? "
                "La factura in_1Tucan0312 del 12 de marzo marca más o menos el doble de lo que sumamos en los logs "
                "(prompt_tokens + completion_tokens), y el tráfico fue el de un martes cualquiera. La de ayer "
                "cuadraba perfecto. ¿Cambiaron la forma de contar o es un error?\n\nMil gracias,\n"
                "Valentina Ospina\nFinanzas · Tucán Viajes (Bogotá)", "2030-03-13T04:50:00Z", "Valentina Ospina")]
    q = [question(33702, b, "2030-03-13T05:10:00Z", "SSO im Scale-Tarif?",
                  "Hallo zusammen,\n\nist Single Sign-on (SAML) im Scale-Tarif enthalten, oder brauchen wir dafür "
                  "Enterprise? Wir würden gern Azure AD anbinden.\n\nDanke und viele Grüße\nJonas Albrecht",
                  person="Jonas Albrecht"),
         question(33703, c, "2030-03-13T03:30:00Z", "Pregunta sobre SSO",
                  "Hola, ¿el plan Scale incluye SSO? Hoy estamos en Growth y queremos saber si al cambiar de plan "
                  "podemos entrar con Google Workspace.\n\nGracias,\nCamila Restrepo", person="Camila Restrepo")]
    return scenario("", "token-billing-doubled-question-and-sso-questions",
                    "Spanish ticket asked as a question ('¿es normal que desde hoy…?', Bogotá, late evening) that reports what it "
                    "sees: the single token meter counts every request twice from 00:00 UTC on 12 March, so invoice "
                    "in_1Tucan0312 is twice the logs; nothing is filed "
                    "(billing_pipeline). A Spanish invoice-PDF deploy twelve minutes later and a usage-page bug are "
                    "bystanders among 19 routine deploys. Beside it, a German and a Spanish plain question about SSO "
                    "on the Scale plan, answered from the plans page, start no investigation.",
                    now, CO, [a, b, c], "2030-03-12T00:00:00Z", 33701, streams, [], t,
                    {33701: truth("token-billing", "billing_pipeline", ["stripe:invoice:in_1Tucan0312"],
                                  [f"github:deployment:{her}", "linear:issue:GW-5640"], ["in_1Tucan0312"])},
                    github=gh, configs=cfg, billing=bill, linear=lin, docs=[DOC_INVOICES, DOC_PLANS], questions=q,
                    answers={33702: ["docs:docs/account/plans.md"], 33703: ["docs:docs/account/plans.md"]})


DOC_METADATA_ROUTES = doc("docs/observability/metadata.md", "Custom metadata",
                          "# Custom metadata\n\nSend metadata as a JSON object in the `x-portkey-metadata` header or "
                          "the SDK's `metadata` option; it is stored with the request log and forwarded to the "
                          "provider, on every route (chat completions, embeddings, responses). Keys are case "
                          "sensitive, values at most 128 characters.\n")


def metadata_embeddings_deploy_and_sdk_major_en():
    """Two causes in a big org: our deploy drops metadata on /v1/embeddings for every org from 14:04
    UTC; from 17:00 the org's intake service runs portkey-node 3.0.0, whose release notes say the
    `metadata` option moved under `portkey.metadata`, and its chat requests carry none."""
    D, now = "2030-10-30", "2030-10-30T21:00:00Z"
    a = org("org_caribou", "Caribou Mutual", "cariboumutual.ca", "enterprise")
    b = org("org_lynx", "Lynx Analytics", "lynxanalytics.io", "scale")
    c = org("org_moose", "Moose Media", "moosemedia.ca", "growth")
    gh = github(CO, 33801, "2030-10-29T16:00:00Z", now, 24)
    bad = gh.deploy(33840, at(D, "14:02"), "embeddings: batch inputs through the new relay",
                    ["src/routes/embeddings.ts", "src/relay/batch.ts", "src/logs/request-log.ts"],
                    message="routes/embeddings: batch relay; build the log row from the batch response (#5471)")
    near = gh.deploy(33841, at(D, "16:48"), "logs: metadata column picker", ["ui/logs/column-picker.tsx"])
    gh.release(99981, "v3.0.0", "portkey-node v3.0.0",
               "## Breaking changes\n\n- The top-level `metadata` option is removed: pass metadata as "
               "`portkey: { metadata: {...} }`. A top-level `metadata` is now sent to the provider as the OpenAI "
               "`metadata` body field and no longer as the `x-portkey-metadata` header, so it is not stored with "
               "the request log.\n- Node 18 is no longer supported.\n", "2030-10-28T15:00:00Z")
    gh.release(99982, "v1.26.0", "portkey-python v1.26.0", "## Changes\n\n- Async streaming helpers.\n",
               "2030-10-21T15:00:00Z")
    lin = [linear_issue("GW-5815", "Metadata values over 128 characters cut without a warning",
                        "Values longer than 128 characters are truncated silently.", "2030-10-16T10:00:00Z",
                        labels=("bug", "metadata"))]
    # Caribou is a big org: five services through five configs, four keys, metadata on every one, a
    # 3% background error rate and an office-hours cycle (12:00-22:00 UTC, 8am-6pm in Toronto, still
    # on EDT). From 14:04 UTC, two minutes after deploy #33840, every org's /v1/embeddings requests
    # are logged without metadata (Caribou's claims search and Lynx's index; the primary cause, most
    # requests, cited with its route). From 17:00 Caribou's intake service (pc-caribou-intake, chat)
    # runs portkey-node/3.0.0, whose release notes say a top-level metadata option is no longer sent
    # as the header: its requests carry none from then (secondary, cited with the SDK and its
    # release). Before 17:00 the intake sent portkey-node/2.12.0 with metadata. The other chat
    # configs keep theirs; the column-picker deploy of 16:48 is dashboard code.
    def big(s):
        return cycle(s, 12, 22, 0.3)
    streams = [big(stream(a["id"], route="/v1/embeddings", model="text-embedding-3-large", per_minute=14, p50=150,
                          p95=380, prompt=700, completion=0, error_rate=0.03, config_id="pc-caribou-search",
                          key="vk-caribou-claims", sdk="portkey-python/1.26.0",
                          metadata={"claim_id": "CM-88120", "team": "claims"})),
               big(stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=8, p50=1500, p95=3400,
                          error_rate=0.03, config_id="pc-caribou-claims", key="vk-caribou-claims",
                          sdk="portkey-python/1.26.0", metadata={"claim_id": "CM-88121", "team": "claims"})),
               big(stream(a["id"], model="gpt-4.1-mini", per_minute=7, p50=600, p95=1500, error_rate=0.03,
                          config_id="pc-caribou-intake", key="vk-caribou-intake", sdk="portkey-node/2.12.0",
                          metadata={"form": "fnol", "team": "intake"})),
               big(stream(a["id"], model="gpt-4.1-mini", per_minute=7, p50=600, p95=1500, error_rate=0.03,
                          config_id="pc-caribou-intake", key="vk-caribou-intake", sdk="portkey-node/3.0.0",
                          metadata={"form": "fnol", "team": "intake"})),
               big(stream(a["id"], model="gpt-4.1", per_minute=6, p50=1300, p95=3000, error_rate=0.03,
                          config_id="pc-caribou-underwriting", key="vk-caribou-uw", sdk="portkey-python/1.26.0",
                          metadata={"policy": "P-20417", "team": "uw"})),
               stream(a["id"], model="gpt-4.1-mini", per_minute=5, p50=600, p95=1500, error_rate=0.03,
                      config_id="pc-caribou-portal", key="vk-caribou-web", sdk="portkey-node/2.12.0",
                      metadata={"session": "web"}),
               stream(b["id"], route="/v1/embeddings", model="text-embedding-3-small", per_minute=8, p50=120, p95=300,
                      prompt=500, completion=0, config_id="pc-lynx-index", metadata={"corpus": "reports"}),
               stream(b["id"], model="gpt-4.1", per_minute=5, p50=1300, p95=3000, config_id="pc-lynx-qa",
                      metadata={"corpus": "reports"}),
               stream(c["id"], per_minute=4, config_id="pc-moose-captions", metadata={"show": "evening"})]
    an = [metadata_dropped(at(D, "14:04"), None, {"route": "/v1/embeddings"}),
          volume("2030-10-29T16:00:00Z", at(D, "17:00"), {"sdk": "portkey-node/3.0.0"}, 0.0),
          volume(at(D, "17:00"), None, {"config_id": "pc-caribou-intake", "sdk": "portkey-node/2.12.0"}, 0.0),
          metadata_dropped(at(D, "17:00"), None, {"sdk": "portkey-node/3.0.0"})]
    cfg = [one_target("pc-caribou-search", a, "search", "vk-caribou-openai", "text-embedding-3-large", 20000),
           one_target("pc-caribou-claims", a, "claims", "vk-caribou-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-caribou-intake", a, "intake", "vk-caribou-openai", "gpt-4.1-mini", 30000),
           one_target("pc-caribou-underwriting", a, "underwriting", "vk-caribou-openai", "gpt-4.1", 60000),
           one_target("pc-caribou-portal", a, "portal", "vk-caribou-openai", "gpt-4.1-mini", 30000),
           one_target("pc-lynx-index", b, "index", "vk-lynx-openai", "text-embedding-3-small", 20000),
           one_target("pc-lynx-qa", b, "qa", "vk-lynx-openai", "gpt-4.1", 60000),
           one_target("pc-moose-captions", c, "captions", "vk-moose-openai", "gpt-4o", 30000)]
    t = [ticket(33801, a, "Missing metadata on claims search + intake",
                "Hi Relay team,\n\nTwo things lost their metadata today and we can't tell if they're related:\n\n"
                "1. Claims search (embeddings) - since roughly 10am Toronto time every embeddings call shows an "
                "empty metadata column, no claim_id, no team.\n2. The intake form service - since about 1pm, same "
                "thing, no form/team. We did roll out a dependency refresh on intake around then, but nothing "
                "that should touch metadata.\n\nClaims chat, underwriting and the portal all look fine. Our "
                "FinOps chargeback runs off `team`, so we need this back. Did your changelog entry about the "
                "metadata column picker change anything?\n\nThanks,\nMarc-André Tremblay\nPlatform Engineering, "
                "Caribou Mutual", at(D, "19:40"), "Marc-André Tremblay")]
    return scenario("", "metadata-embeddings-deploy-and-sdk-major-two-causes-english",
                    "English ticket (Toronto, EDT, a week after Europe left summer time) from a big org with five "
                    "configs, four keys and a 3% background error rate, two causes at once: deploy #33840 batched "
                    "the /v1/embeddings relay at 14:02 UTC and from 14:04 every org's embeddings requests are logged "
                    "without metadata (primary, deploy_regression, cited with the route); from 17:00 the org's intake "
                    "service runs portkey-node/3.0.0, whose release notes say a top-level metadata option is no "
                    "longer sent as the header (secondary, sdk_version, cited with the release). A column-picker "
                    "deploy at 16:48 and a truncation bug are bystanders among 24 routine deploys.",
                    now, CO, [a, b, c], "2030-10-29T16:00:00Z", 33801, streams, an, t,
                    {33801: truth("metadata", "deploy_regression", [f"github:deployment:{bad}", "route:/v1/embeddings"],
                                  [f"github:deployment:{near}", "linear:issue:GW-5815", "config:pc-caribou-claims",
                                   "github:release:v1.26.0"], ["/v1/embeddings", "3.0.0"],
                                  secondary=[secondary("sdk_version",
                                                       ["sdk:portkey-node/3.0.0", "github:release:v3.0.0"])])},
                    github=gh, configs=cfg, linear=lin, docs=[DOC_METADATA_ROUTES])


ALL = [webhook_receiver_503_after_maintenance_es, webhook_payload_deploy_every_org_pt, webhook_delivered_old_url_de,
       metadata_old_python_sdk_fr, billing_output_meter_known_bug_ja, billing_cached_line_summed_en,
       billing_doubled_question_and_sso_question, metadata_embeddings_deploy_and_sdk_major_en]

if __name__ == "__main__":
    write_all(ALL)
