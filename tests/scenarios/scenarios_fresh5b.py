#!/usr/bin/env python3
"""Eight library scenarios in the thin cells of the metadata, provider-routing, token-billing and
webhook-failures playbooks, written before the engine ran on them: metadata lost because the
customer's own config was edited to stop storing it, metadata lost on one route by a filed bug
beside look-alike issues, metadata that was there all along, a gateway deploy that broke the
routing of one provider, a "Claude fails" ticket over a steady error rate, an invoice that grew
because the customer's config stopped caching prompts, a webhook event the customer never
subscribed to, and webhooks delivered while the customer's own queue stalled.

Winter (February 2028: Europe on standard time, US on standard time) and summer (June 2028:
Europe on summer time; Japan, Brazil and Mexico City have no summer time). Every truth below is
read from the data declared next to it (anomalies, configs, deploys, issues, incidents, docs).
Run it to rewrite the JSON files."""
from compose import *  # noqa: F401,F403
from scenarios_fresh import cycle, failures, hooks

CO = {"name": "Relay AI", "github_repo": "relay-ai/gateway"}

PAGES.setdefault("google-cloud", ("gc5v8x2z4b6n", "Google Cloud", "https://status.cloud.google.com",
                                  ["Vertex AI Gemini API", "Vertex AI Model Garden", "Cloud Run"]))


def metadata_config_stops_storing_en():
    """The customer's compliance team edited one config to stop storing metadata; the org's other
    configs on the same SDK and route keep it."""
    D, now = "2028-02-08", "2028-02-08T22:10:00Z"
    a = org("org_kestrel", "Kestrel Health", "kestrelhealth.com", "enterprise")
    b = org("org_lattice", "Lattice Freight", "latticefreight.com", "scale")
    c = org("org_mirabel", "Mirabel Books", "mirabelbooks.co", "growth")
    gh = github(CO, 20101, "2028-02-07T06:00:00Z", now, 19)
    her = gh.deploy(20140, at(D, "17:31"), "logs: compress the metadata column in cold storage",
                    ["src/logs/storage/cold.ts", "src/logs/storage/columns.ts"])
    lin = [linear_issue("GW-2702", "Metadata filter in the logs view ignores keys with dashes",
                        "Filtering the logs by a metadata key that contains '-' returns nothing.",
                        "2028-02-01T10:00:00Z", labels=("bug", "dashboard"))]
    sp = Statuspage(now)
    inc = sp.incident("anthropic", "k2e4s6t8r0l2", "Elevated errors on Claude Opus 4.1", at(D, "16:50"), at(D, "17:35"),
                      "We are seeing elevated error rates on Claude Opus 4.1.")
    # Kestrel runs three services on portkey-node/1.12.0 through three configs, every request with
    # its metadata (care_team, trace_id). At 17:48 UTC (09:48 PST) the config pc-kestrel-notes was
    # edited: `"store_metadata": false`, which the metadata doc says stops storing the metadata of
    # the requests that use it. From 17:48 every request of that config has none; the intake and
    # triage configs, same SDK and route, keep theirs. The logs cold-storage deploy at 17:31 would
    # touch every config of every org; nothing else changed.
    sdk = "portkey-node/1.12.0"
    streams = [stream(a["id"], per_minute=9, model="gpt-4.1-mini", p50=700, p95=1700, config_id="pc-kestrel-intake",
                      key="vk-kestrel-web", sdk=sdk, metadata={"care_team": "intake", "trace_id": "kh-7f1"}),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-5", per_minute=7, p50=1500, p95=3400,
                      config_id="pc-kestrel-notes", key="vk-kestrel-clinical", sdk=sdk,
                      metadata={"care_team": "notes", "trace_id": "kh-2c9"}),
               stream(a["id"], model="gpt-4.1", per_minute=4, p50=1200, p95=2900, config_id="pc-kestrel-triage",
                      key="vk-kestrel-clinical", sdk=sdk, metadata={"care_team": "triage", "trace_id": "kh-a03"}),
               cycle(stream(b["id"], per_minute=14, error_rate=0.02, config_id="pc-lattice-dispatch",
                            metadata={"lane": "eu"}), 13, 23, 0.35),
               stream(c["id"], provider="anthropic", model="claude-opus-4-1", per_minute=3, p50=2500, p95=6000,
                      config_id="pc-mirabel-editor", metadata={"book": "draft"})]
    an = [metadata_dropped(at(D, "17:48"), None, {"config_id": "pc-kestrel-notes"})]
    notes = config("pc-kestrel-notes", a["id"], "clinical-notes",
                   [target("vk-kestrel-anthropic", "claude-sonnet-4-5", 60000)], updated=at(D, "17:48"))
    notes["config"]["store_metadata"] = False
    cfg = [one_target("pc-kestrel-intake", a, "intake", "vk-kestrel-openai", "gpt-4.1-mini", 30000), notes,
           one_target("pc-kestrel-triage", a, "triage", "vk-kestrel-openai", "gpt-4.1", 30000),
           one_target("pc-lattice-dispatch", b, "dispatch", "vk-lattice-openai", "gpt-4o", 30000),
           one_target("pc-mirabel-editor", c, "editor", "vk-mirabel-anthropic", "claude-opus-4-1", 60000)]
    meta_doc = doc("docs/observability/metadata.md", "Custom metadata",
                   "# Custom metadata\n\nSend metadata as a JSON object in the `x-portkey-metadata` header or the "
                   "SDK's `metadata` option; it is stored with the request log. Keys are case sensitive, values at "
                   "most 128 characters.\n\n## Not storing metadata\n\nA config with `\"store_metadata\": false` "
                   "keeps no metadata for the requests that use it: the request is served as usual and its log "
                   "row has no metadata. Workspaces with regulated data use it for configs that may receive "
                   "personal data in metadata.\n")
    t = [ticket(20101, a, "trace_id gone from clinical notes logs??",
                "Hi,\n\nOur on-call noticed that the clinical notes requests in your logs have had no metadata at "
                "all since this morning (around 10am Pacific, maybe a bit earlier). Intake and triage still show "
                "care_team + trace_id fine. Nothing changed on our side, same SDK everywhere (node 1.12.0), and I "
                "saw your status page had an Anthropic thing earlier, notes is the only Claude service we run, so "
                "maybe related?\n\nWe need trace_id for our audit trail, please take a look asap.\n\n"
                "Dana Whitfield\nPlatform Engineering, Kestrel Health", at(D, "21:05"), "Dana Whitfield",
                priority="high")]
    return scenario("", "metadata-config-stops-storing-english",
                    "English ticket (US Pacific winter time) saying the clinical-notes requests lost their metadata: "
                    "the customer's config pc-kestrel-notes was edited at 17:48 UTC to `store_metadata: false`, which "
                    "the metadata doc describes; the org's intake and triage configs on the same SDK and route keep "
                    "theirs (customer_config). A logs cold-storage deploy at 17:31, an Opus incident, a logs-filter "
                    "bug and 19 routine deploys are bystanders; Lattice is a noisy org with an evening cycle.",
                    now, CO, [a, b, c], "2028-02-07T18:00:00Z", 20101, streams, an, t,
                    {20101: truth("metadata", "customer_config", ["config:pc-kestrel-notes"],
                                  [f"github:deployment:{her}", "linear:issue:GW-2702", inc,
                                   "config:pc-kestrel-intake", "config:pc-kestrel-triage"],
                                  ["store_metadata", "17:48"])},
                    github=gh, configs=cfg, linear=lin, statuspage=sp, docs=[meta_doc])


def metadata_known_responses_bug_fr():
    """Every org's /v1/responses requests are logged without metadata since an infrastructure change
    of the day before; an open issue describes it, beside look-alike issues."""
    D, Y, now = "2028-06-21", "2028-06-20", "2028-06-21T08:40:00Z"
    a = org("org_mesange", "Mésange Voyages", "mesange-voyages.fr", "scale")
    b = org("org_noroit", "Noroît Énergie", "noroit-energie.fr", "enterprise")
    c = org("org_orvet", "Orvet Studio", "orvet.studio", "growth")
    gh = github(CO, 20201, "2028-06-19T06:00:00Z", now, 23)
    her = gh.deploy(20240, at(Y, "14:20"), "responses: emit output_item events in order when streaming",
                    ["src/routes/responses/stream.ts", "src/routes/responses/stream.test.ts"])
    bug = linear_issue("GW-2741", "Custom metadata missing from logs of /v1/responses requests",
                       "Since about 15:10 UTC on 20 June, requests to /v1/responses are logged without their custom "
                       "metadata (x-portkey-metadata and the SDK option alike); /v1/chat/completions keeps it. No "
                       "deploy at that time: the logs ingestion schema migration of that afternoon is suspected. "
                       "Reported by two customers.", at(Y, "16:40"), labels=("bug", "metadata", "logs"))
    trunc = linear_issue("GW-2688", "Metadata values over 128 characters are cut without a warning",
                         "Values longer than 128 characters are truncated silently.", "2028-06-02T10:00:00Z",
                         labels=("bug", "metadata"))
    usage = linear_issue("GW-2735", "/v1/responses: reasoning tokens missing from usage",
                         "The logs of /v1/responses requests to o-series models show no reasoning tokens.",
                         "2028-06-18T10:00:00Z", labels=("bug", "logs"))
    old = linear_issue("GW-2480", "Metadata dropped on /v1/embeddings batch requests",
                       "Batch embeddings requests lost their metadata.", "2028-04-02T10:00:00Z", state="Done",
                       labels=("bug", "metadata"), completed="2028-04-05T10:00:00Z")
    sp = Statuspage(now)
    inc = sp.incident("openai", "m3s5n7g9e1v3", "Increased latency for the Responses API", at(Y, "09:10"),
                      at(Y, "10:00"), "Some Responses API requests are slower than usual.")
    # From 15:10 UTC on 20 June every org's /v1/responses requests carry no metadata (Mésange's
    # booking agent and Noroît's field assistant); the chat-completions requests of the same orgs
    # keep theirs. The responses streaming deploy went live 50 minutes before the drop; traffic
    # never stops on that route, so a deploy that broke it would show at once.
    streams = [stream(a["id"], route="/v1/responses", model="gpt-4.1", per_minute=8, p50=1600, p95=3800,
                      config_id="pc-mesange-reservations", key="vk-mesange-agent", sdk="portkey-python/1.14.0",
                      metadata={"parcours": "reservation", "agence": "lyon"}),
               stream(a["id"], model="gpt-4.1-mini", per_minute=10, p50=600, p95=1500, config_id="pc-mesange-faq",
                      key="vk-mesange-web", sdk="portkey-node/1.12.0", metadata={"parcours": "faq"}),
               cycle(stream(b["id"], route="/v1/responses", model="o4-mini", per_minute=12, p50=2400, p95=6000,
                            error_rate=0.025, config_id="pc-noroit-terrain", metadata={"site": "brest"}), 6, 17, 0.3),
               stream(c["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=5, p50=500, p95=1200,
                      config_id="pc-orvet-sous-titres", metadata={"projet": "court"})]
    an = [metadata_dropped(at(Y, "15:10"), None, {"route": "/v1/responses"})]
    cfg = [one_target("pc-mesange-reservations", a, "reservations", "vk-mesange-openai", "gpt-4.1", 60000),
           one_target("pc-mesange-faq", a, "faq", "vk-mesange-openai", "gpt-4.1-mini", 30000),
           one_target("pc-noroit-terrain", b, "terrain", "vk-noroit-openai", "o4-mini", 60000),
           one_target("pc-orvet-sous-titres", c, "sous-titres", "vk-orvet-anthropic", "claude-haiku-4-5", 30000)]
    t = [ticket(20201, a, "Métadonnées absentes sur l'agent de réservation",
                "Bonjour,\n\nDepuis hier après-midi (vers 17h, heure de Paris) nos requêtes de l'agent de "
                "réservation n'ont plus aucune métadonnée dans vos journaux : `parcours` et `agence` ont disparu. "
                "La FAQ du site, elle, les a toujours. On passe par l'API Responses pour l'agent.\n\nVous avez "
                "livré quelque chose sur Responses hier, non ? On a vu passer une mise à jour sur le streaming.\n\n"
                "Bien à vous,\nÉlodie Marchand\nÉquipe data, Mésange Voyages", at(D, "07:55"), "Élodie Marchand")]
    return scenario("", "metadata-known-responses-bug-french",
                    "French ticket (Paris summer time, the day after): every org's /v1/responses requests are logged "
                    "without metadata from 15:10 UTC on 20 June, chat completions keep it; the open issue GW-2741 "
                    "describes exactly that (known_bug). A responses streaming deploy 50 minutes before, a "
                    "truncation bug, a responses usage bug, a closed embeddings metadata bug and a Responses API "
                    "latency incident are bystanders among 23 routine deploys.",
                    now, CO, [a, b, c], "2028-06-20T04:00:00Z", 20201, streams, an, t,
                    {20201: truth("metadata", "known_bug", ["linear:issue:GW-2741"],
                                  [f"github:deployment:{her}", "linear:issue:GW-2688", "linear:issue:GW-2735",
                                   "linear:issue:GW-2480", inc, "config:pc-mesange-faq"],
                                  ["/v1/responses", "15:10"])},
                    github=gh, configs=cfg, linear=[bug, trunc, usage, old], statuspage=sp, docs=[DOC_METADATA])


def metadata_present_all_along_ja():
    """The customer says metadata vanished last evening; every request carries it before and after.
    A nightly job has never sent any."""
    D, now = "2028-06-14", "2028-06-14T02:30:00Z"
    a = org("org_hinoki", "Hinoki Games", "hinoki-games.jp", "scale")
    b = org("org_iwashi", "Iwashi Foods", "iwashi-foods.co.jp", "growth")
    gh = github(CO, 20301, "2028-06-12T22:00:00Z", now, 16)
    her = gh.deploy(20340, "2028-06-13T09:04:00Z", "logs: metadata filter chips in the request list",
                    ["ui/logs/metadata-chips.tsx", "src/logs/query/metadata.ts"])
    lin = [linear_issue("GW-2722", "Metadata values over 128 characters are cut without a warning",
                        "Values longer than 128 characters are truncated silently.", "2028-06-03T10:00:00Z",
                        labels=("bug", "metadata"))]
    sp = Statuspage(now)
    inc = sp.incident("anthropic", "h1n3k5i7g9a1", "Claude Code sessions failing to start", "2028-06-13T08:40:00Z",
                      "2028-06-13T09:30:00Z", "Some Claude Code sessions fail to start.", component="Claude Code")
    # Hinoki's matchmaking and moderation services send session_id and player_tier on every request,
    # before and after 09:04 UTC (18:04 JST) on 13 June. Its nightly ranking job (pc-hinoki-nightly)
    # has never sent metadata: steady, not a drop. Nothing is lost.
    streams = [stream(a["id"], per_minute=14, model="gpt-4.1-mini", p50=650, p95=1600, config_id="pc-hinoki-match",
                      key="vk-hinoki-game", sdk="portkey-node/1.12.0",
                      metadata={"session_id": "s-7781", "player_tier": "gold"}),
               stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=9, p50=450, p95=1100,
                      config_id="pc-hinoki-moderation", key="vk-hinoki-game", sdk="portkey-python/1.14.0",
                      metadata={"session_id": "s-1203", "channel": "chat"}),
               stream(a["id"], model="gpt-4.1", per_minute=0.6, p50=1500, p95=3500, config_id="pc-hinoki-nightly",
                      key="vk-hinoki-batch", sdk="portkey-python/1.14.0", metadata={}),
               stream(b["id"], per_minute=6, config_id="pc-iwashi-recipes", metadata={"shop": "osaka"})]
    cfg = [one_target("pc-hinoki-match", a, "match", "vk-hinoki-openai", "gpt-4.1-mini", 30000),
           one_target("pc-hinoki-moderation", a, "moderation", "vk-hinoki-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-hinoki-nightly", a, "nightly", "vk-hinoki-openai", "gpt-4.1", 60000),
           one_target("pc-iwashi-recipes", b, "recipes", "vk-iwashi-openai", "gpt-4o", 30000)]
    t = [ticket(20301, a, "メタデータが消えた",
                "お世話になっております。\n\n昨日の18時すぎから、ログ画面でリクエストのメタデータ（session_id）が"
                "見えなくなりました。マッチングとモデレーションの両方です。こちらでは何も変更していません。"
                "御社のリリースノートに「メタデータのフィルタ」とあったので、その影響でしょうか？\n\n"
                "スクリーンショット：ログ一覧の「メタデータ」列が空欄、フィルタは `session_id = s-7781`。\n\n"
                "よろしくお願いいたします。\n西村 亮\nHinoki Games インフラチーム", at(D, "01:40"), "Ryo Nishimura")]
    return scenario("", "metadata-present-all-along-japanese",
                    "Japanese ticket (JST, a screenshot described in words) saying metadata vanished from 18:00 JST "
                    "the day before: every request of the matchmaking and moderation services carries it before and "
                    "after; the nightly job has never sent any, steady (no_fault_found). The logs filter-chips deploy "
                    "the customer points at, a truncation bug and a Claude Code incident are bystanders among 16 "
                    "routine deploys.",
                    now, CO, [a, b], "2028-06-12T22:00:00Z", 20301, streams, [], t,
                    {20301: truth("metadata", "no_fault_found", [],
                                  [f"github:deployment:{her}", "linear:issue:GW-2722", inc,
                                   "config:pc-hinoki-nightly"], ["session_id"])},
                    github=gh, configs=cfg, linear=lin, statuspage=sp, docs=[DOC_METADATA])


def routing_alias_deploy_es():
    """A router deploy changed how provider names are resolved: every request to Vertex AI fails."""
    D, now = "2028-02-15", "2028-02-15T18:20:00Z"
    a = org("org_ajolote", "Ajolote Pagos", "ajolotepagos.mx", "scale")
    b = org("org_bruma", "Bruma Studio", "brumastudio.com", "growth")
    c = org("org_cenote", "Cenote Salud", "cenotesalud.mx", "enterprise")
    gh = github(CO, 20401, "2028-02-14T12:00:00Z", now, 26)
    bad = gh.deploy(20440, at(D, "16:02"), "router: resolve provider names through the alias table",
                    ["src/router/provider-alias.ts", "src/router/resolve.ts", "src/router/resolve.test.ts"],
                    author="ines", message="router: resolve provider names through the alias table\n\n"
                    "Maps legacy provider slugs (vertex, bedrock-runtime) to their canonical names.")
    her = gh.deploy(20441, at(D, "15:48"), "anthropic adapter: forward the anthropic-beta header",
                    ["src/providers/anthropic/headers.ts"])
    sp = Statuspage(now)
    gem = sp.incident("google-cloud", "v4e6r8t0x2a4", "Vertex AI Gemini API: elevated latency for Gemini 2.5 Pro",
                      at(D, "15:55"), at(D, "17:10"), "Requests to Gemini 2.5 Pro on Vertex AI see elevated latency.",
                      component="Vertex AI Gemini API", impact="minor")
    web = sp.incident("anthropic", "a9j1o3l5o7t9", "claude.ai unavailable for some users", at(D, "16:00"),
                      at(D, "16:45"), "Some users cannot reach claude.ai.", component="claude.ai")
    lin = [linear_issue("GW-2751", "Vertex AI: safety ratings missing from Gemini responses",
                        "Gemini responses through Vertex AI arrive without safetyRatings.", "2028-02-09T10:00:00Z",
                        labels=("bug", "provider:vertex-ai"))]
    # From 16:05 UTC (10:05 in Mexico City) every request of every org to provider vertex-ai (Claude
    # and Gemini models on Google Cloud) is refused 400 unknown_provider by our router: deploy #20440
    # (16:02) changed how provider names are resolved. Direct Anthropic (Cenote) and OpenAI traffic is
    # fine. The anthropic-beta deploy touched only the Anthropic adapter.
    streams = [stream(a["id"], provider="vertex-ai", model="claude-sonnet-4-5", per_minute=10, p50=1400, p95=3200,
                      config_id="pc-ajolote-conciliacion", key="vk-ajolote-back", sdk="portkey-python/1.14.0"),
               stream(a["id"], model="gpt-4.1", per_minute=8, p50=1100, p95=2600, config_id="pc-ajolote-soporte",
                      key="vk-ajolote-front", sdk="portkey-node/1.12.0"),
               stream(b["id"], provider="vertex-ai", model="gemini-2.5-pro", per_minute=5, p50=2600, p95=6000,
                      config_id="pc-bruma-guiones"),
               cycle(stream(c["id"], provider="anthropic", model="claude-sonnet-4-5", per_minute=15, p50=1400,
                            p95=3200, error_rate=0.03, config_id="pc-cenote-expedientes"), 14, 23, 0.3)]
    an = [errors(at(D, "16:05"), None, {"provider": "vertex-ai"}, 1.0, 400, "unknown_provider")]
    cfg = [one_target("pc-ajolote-conciliacion", a, "conciliacion", "vk-ajolote-vertex", "claude-sonnet-4-5", 60000),
           one_target("pc-ajolote-soporte", a, "soporte", "vk-ajolote-openai", "gpt-4.1", 30000),
           one_target("pc-bruma-guiones", b, "guiones", "vk-bruma-vertex", "gemini-2.5-pro", 60000),
           one_target("pc-cenote-expedientes", c, "expedientes", "vk-cenote-anthropic", "claude-sonnet-4-5", 60000)]
    t = [ticket(20401, a, "Claude no responde, GPT sí",
                "Buenas, desde las 10 de la mañana (hora CDMX) todas las llamadas a Claude de la conciliación "
                "fallan, y las de GPT-4.1 del soporte funcionan perfecto. El error que regresa es:\n\n"
                "{\"error\": {\"message\": \"400 unknown_provider\", \"type\": \"invalid_request\"}}\n\n"
                "Supongo que es Anthropic otra vez, vi algo en su página de estado. ¿Nos confirman? Es urgente, "
                "estamos a mitad del cierre.\n\nSaludos\nRodrigo Téllez", at(D, "17:30"), "Rodrigo Téllez",
                priority="urgent")]
    return scenario("", "provider-routing-alias-deploy-spanish",
                    "Spanish ticket (Mexico City time, winter) saying Claude fails and GPT works, blaming Anthropic: "
                    "from 16:05 UTC every org's request to provider vertex-ai is refused 400 unknown_provider after "
                    "deploy #20440 changed how the router resolves provider names (deploy_regression). A Gemini 2.5 "
                    "Pro latency incident on Vertex, a claude.ai incident, an Anthropic-adapter deploy at 15:48 and a "
                    "Vertex bug are bystanders among 26 routine deploys; Cenote is a big org with direct Anthropic "
                    "traffic that works.",
                    now, CO, [a, b, c], "2028-02-14T14:00:00Z", 20401, streams, an, t,
                    {20401: truth("provider-routing", "deploy_regression", [f"github:deployment:{bad}"],
                                  [f"github:deployment:{her}", gem, web, "linear:issue:GW-2751",
                                   "config:pc-ajolote-soporte"], ["unknown_provider", "16:05"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin)


def routing_steady_claude_pt():
    """"Claude fails, GPT works" over an error rate that has not moved all week."""
    D, now = "2028-06-07", "2028-06-07T19:10:00Z"
    a = org("org_sabia", "Sabiá Educação", "sabiaedu.com.br", "enterprise")
    b = org("org_tucano", "Tucano Logística", "tucanolog.com.br", "scale")
    c = org("org_urutau", "Urutau Apps", "urutau.app", "growth")
    gh = github(CO, 20501, "2028-06-06T10:00:00Z", now, 18)
    her = gh.deploy(20540, at(D, "16:50"), "anthropic adapter: pass cache_control on tool definitions",
                    ["src/providers/anthropic/request.ts", "src/providers/anthropic/request.test.ts"])
    sp = Statuspage(now)
    opus = sp.incident("anthropic", "s2b4a6i8a0e2", "Elevated errors on Claude Opus 4.1", at(D, "16:35"),
                       at(D, "17:15"), "We are seeing elevated error rates on Claude Opus 4.1.")
    lin = [linear_issue("GW-2766", "Anthropic: stop_reason refusal mapped to finish_reason null",
                        "Claude refusals arrive with finish_reason null instead of content_filter.",
                        "2028-06-01T10:00:00Z", labels=("bug", "provider:anthropic"))]
    # Sabiá is a big org: its tutoring on claude-haiku-4-5 fails at a steady 3% (as every day, day
    # and night), its grading on gpt-4.1-mini at 3% too. Nothing changed at 17:00 UTC (14:00 BRT):
    # the failures rise and fall with the office-hours volume only. Urutau's Opus traffic sees the
    # Opus incident; Sabiá uses no Opus.
    streams = [cycle(stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=20, p50=500, p95=1300,
                            error_rate=0.03, config_id="pc-sabia-tutor", key="vk-sabia-tutor",
                            sdk="portkey-python/1.14.0"), 11, 22, 0.3),
               cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=14, p50=700, p95=1700, error_rate=0.03,
                            config_id="pc-sabia-correcao", key="vk-sabia-correcao", sdk="portkey-node/1.12.0"),
                     11, 22, 0.3),
               stream(b["id"], model="gpt-4o", per_minute=6, config_id="pc-tucano-rotas"),
               stream(c["id"], provider="anthropic", model="claude-opus-4-1", per_minute=4, p50=2500, p95=6000,
                      config_id="pc-urutau-agente")]
    an = [errors(at(D, "16:35"), at(D, "17:15"), {"model": "claude-opus-4-1"}, 0.4, 500, "provider_error")]
    cfg = [one_target("pc-sabia-tutor", a, "tutor", "vk-sabia-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-sabia-correcao", a, "correcao", "vk-sabia-openai", "gpt-4.1-mini", 30000),
           one_target("pc-tucano-rotas", b, "rotas", "vk-tucano-openai", "gpt-4o", 30000),
           one_target("pc-urutau-agente", c, "agente", "vk-urutau-anthropic", "claude-opus-4-1", 60000)]
    t = [ticket(20501, a, "Claude falhando, GPT ok",
                "Oi time,\n\no tutor (Claude) está falhando desde umas 14h e a correção (GPT) está normal. Um aluno "
                "mandou print do erro, copio aqui:\n\n[14:12:40] tutor-api ERROR upstream 502 from gateway "
                "(request_id 9f2c71)\n\nVi que vocês mexeram no adaptador da Anthropic hoje e que a Anthropic teve "
                "incidente. Podem verificar?\n\nAbs,\nLarissa Campos\nTech lead, Sabiá Educação", at(D, "18:20"),
                "Larissa Campos")]
    return scenario("", "provider-routing-steady-claude-portuguese",
                    "Brazilian Portuguese ticket (Brasília time, a pasted log line) saying Claude fails and GPT works: "
                    "Sabiá's Claude Haiku and GPT-4.1 mini traffic fail at the same steady 3% all week, rising and "
                    "falling with its office-hours volume only (no_fault_found). An Anthropic-adapter deploy at "
                    "16:50, another org's Opus incident and an Anthropic bug are bystanders among 18 routine deploys.",
                    now, CO, [a, b, c], "2028-06-06T14:00:00Z", 20501, streams, an, t,
                    {20501: truth("provider-routing", "no_fault_found", [],
                                  [f"github:deployment:{her}", opus, "linear:issue:GW-2766"],
                                  ["claude-haiku-4-5"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin)


def billing_caching_turned_off_de():
    """The customer's config stopped asking for prompt caching; the invoice bills what the logs show."""
    D, now = "2028-02-23", "2028-02-24T05:50:00Z"
    a = org("org_eisvogel", "Eisvogel Recht", "eisvogel-recht.de", "scale")
    b = org("org_fjord", "Fjord Analytics", "fjord-analytics.no", "enterprise")
    gh = github(CO, 20601, "2028-02-22T20:00:00Z", now, 14)
    her = gh.deploy(20640, at(D, "09:40"), "meters: send usage events in batches of 500",
                    ["src/billing/meter-client.ts", "src/billing/meter-client.test.ts"])
    lin = [linear_issue("GW-2781", "Usage page shows cached tokens twice in the CSV export",
                        "The usage CSV export lists cached tokens in two columns.", "2028-02-15T10:00:00Z",
                        labels=("bug", "usage-ui"))]
    sp = Statuspage(now)
    inc = sp.incident("anthropic", "e1s3v5o7g9e1", "Elevated errors on Claude Haiku 4.5", at(D, "13:00"),
                      at(D, "13:40"), "We are seeing elevated error rates on Claude Haiku 4.5.")
    # Eisvogel's contract review (claude-sonnet-4-5, long prompts) ran through pc-eisvogel-akten,
    # whose `"prompt_caching": "auto"` had 80% of its input served from Anthropic's prompt cache. At
    # 10:14 UTC (11:14 CET) on 23 Feb the service moved to a new config, pc-eisvogel-akten-v2 (created
    # 10:09), which does not ask for prompt caching: from then the same traffic has no cached tokens.
    # Cached input is not billed (docs), so the invoice of 23 Feb is larger than the day before's,
    # and equals the logs. No meter fault.
    old = stream(a["id"], provider="anthropic", model="claude-sonnet-4-5", per_minute=6, p50=2200, p95=5000,
                 prompt=9000, completion=500, cached=0.8, config_id="pc-eisvogel-akten", key="vk-eisvogel-akten",
                 sdk="portkey-python/1.14.0")
    new = dict(old, config_id="pc-eisvogel-akten-v2", tokens={"prompt": 9000, "completion": 500, "cached_share": 0.0})
    streams = [old, new,
               stream(a["id"], model="gpt-4.1-mini", per_minute=3, prompt=800, completion=200,
                      config_id="pc-eisvogel-mandanten", key="vk-eisvogel-web", sdk="portkey-node/1.12.0"),
               stream(b["id"], per_minute=10, prompt=1500, completion=300, cached=0.3, config_id="pc-fjord-reports")]
    # the same requests: through the old config until the switch, through the new one after it
    an = [volume(at(D, "10:14"), None, {"config_id": "pc-eisvogel-akten"}, 0.0),
          volume(at(D, "00:00"), at(D, "10:14"), {"config_id": "pc-eisvogel-akten-v2"}, 0.0)]
    akten = config("pc-eisvogel-akten", a["id"], "akten", [target("vk-eisvogel-anthropic", "claude-sonnet-4-5", 60000)],
                   updated="2027-11-02T09:00:00Z")
    akten["config"]["prompt_caching"] = "auto"
    v2 = config("pc-eisvogel-akten-v2", a["id"], "akten-v2",
                [target("vk-eisvogel-anthropic", "claude-sonnet-4-5", 90000)], updated=at(D, "10:09"))
    v2["created_at"] = at(D, "10:09")
    cfg = [akten, v2, one_target("pc-eisvogel-mandanten", a, "mandanten", "vk-eisvogel-openai", "gpt-4.1-mini", 30000),
           one_target("pc-fjord-reports", b, "reports", "vk-fjord-openai", "gpt-4o", 30000)]
    bill = {"meter": "llm_tokens", "unit": "tokens", "counts": ["prompt_tokens", "completion_tokens"],
            "cached_tokens": "excluded", "unit_amount_decimal": "0.0002", "faults": [],
            "invoices": [{"id": "in_1Eisvogel0223", "org": a["id"], "status": "open", "from": at(D, "00:00"),
                          "to": "2028-02-24T00:00:00Z"}]}
    caching = doc("docs/billing/prompt-caching.md", "Prompt caching and your invoice",
                  "# Prompt caching and your invoice\n\nA config with `\"prompt_caching\": \"auto\"` marks the "
                  "system prompt and tool definitions of Anthropic requests for the provider's prompt cache. Input "
                  "tokens served from the cache (`cached_tokens` in the request logs) are not billed. Without "
                  "`prompt_caching` nothing is marked and every input token is billed. The metered quantity is "
                  "the day's `prompt_tokens - cached_tokens + completion_tokens`.\n")
    t = [ticket(20601, a, "Rechnung vom 23.02. fast dreimal so hoch",
                "Guten Morgen,\n\ndie Rechnung in_1Eisvogel0223 für gestern ist fast dreimal so hoch wie die vom "
                "Vortag, obwohl unsere Vertragsprüfung genauso viele Anfragen geschickt hat wie immer (laut eurem "
                "Dashboard ca. 8.600). Wir haben nichts geändert. Zählt euer Meter da doppelt? Ihr hattet gestern "
                "ja auch ein Deployment an der Abrechnung.\n\nBitte um Prüfung und Korrektur.\n\nMit freundlichen "
                "Grüßen\nKatrin Vogt\nIT, Eisvogel Recht", at("2028-02-24", "05:35"), "Katrin Vogt")]
    return scenario("", "token-billing-caching-turned-off-german",
                    "German ticket (CET) about an invoice almost three times the day before's: "
                    "the contract review moved at 10:14 UTC on 23 Feb to a new config, pc-eisvogel-akten-v2, which "
                    "does not ask for prompt caching, so the same traffic has no cached input after it; the invoice equals the logs "
                    "(customer_config). A meter-batching deploy, a Haiku incident and a usage-export bug are "
                    "bystanders among 14 routine deploys.",
                    now, CO, [a, b], "2028-02-23T00:00:00Z", 20601, streams, an, t,
                    {20601: truth("token-billing", "customer_config",
                                  ["config:pc-eisvogel-akten-v2", "stripe:invoice:in_1Eisvogel0223"],
                                  [f"github:deployment:{her}", "linear:issue:GW-2781", inc],
                                  ["10:14", "prompt_caching"])},
                    github=gh, configs=cfg, billing=bill, linear=lin, statuspage=sp, docs=[caching, DOC_INVOICES])


def webhook_unsubscribed_event_en():
    """The customer expects webhooks for failed requests on an endpoint subscribed to completed ones."""
    D, now = "2028-06-27", "2028-06-27T15:40:00Z"
    a = org("org_pellucid", "Pellucid Analytics", "pellucid.io", "scale")
    b = org("org_quill", "Quill Legal", "quill-legal.co.uk", "enterprise")
    gh = github(CO, 20701, "2028-06-26T08:00:00Z", now, 17)
    her = gh.deploy(20740, at(D, "10:52"), "webhooks: retry deliveries with jittered backoff",
                    ["src/webhooks/retry.ts", "src/webhooks/retry.test.ts"])
    lin = [linear_issue("GW-2790", "Webhook test button ignores custom headers",
                        "The dashboard's 'Send test event' does not send the endpoint's custom headers.",
                        "2028-06-20T10:00:00Z", labels=("bug", "webhooks"))]
    # From 11:05 UTC (12:05 BST) Pellucid's backfill job pushes the org over its gpt-4.1 limit: 40%
    # of those requests are refused 429. Pellucid's endpoints subscribe to request.completed and
    # budget.exceeded only; Quill's endpoint subscribes to request.failed and receives it. Every
    # delivery succeeds; no request.failed is sent to Pellucid because it never subscribed to it.
    streams = [stream(a["id"], model="gpt-4.1", per_minute=12, p50=1200, p95=2800, config_id="pc-pellucid-backfill",
                      key="vk-pellucid-jobs", sdk="portkey-python/1.14.0", metadata={"job": "backfill"}),
               stream(a["id"], model="gpt-4.1-mini", per_minute=6, config_id="pc-pellucid-app",
                      key="vk-pellucid-app", sdk="portkey-node/1.12.0"),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-5", per_minute=8, p50=1400, p95=3200,
                      config_id="pc-quill-briefs")]
    an = [rate_limited(at(D, "11:05"), None, {"org": a["id"], "model": "gpt-4.1"}, 0.4)]
    cfg = [one_target("pc-pellucid-backfill", a, "backfill", "vk-pellucid-openai", "gpt-4.1", 60000),
           one_target("pc-pellucid-app", a, "app", "vk-pellucid-openai", "gpt-4.1-mini", 30000),
           one_target("pc-quill-briefs", b, "briefs", "vk-quill-anthropic", "claude-sonnet-4-5", 60000)]
    done = "https://hooks.pellucid.io/relay/completed"
    budget = "https://ops.pellucid.io/relay/budget"
    wh = hooks((a["id"], done, ["request.completed"], 6, 140),
               (a["id"], budget, ["budget.exceeded"], 0.2, 150),
               (b["id"], "https://events.quill-legal.co.uk/relay", ["request.completed", "request.failed"], 4, 180))
    events = doc("docs/webhooks/events.md", "Webhook events",
                 "# Webhook events\n\nEach endpoint receives only the event types it subscribes to (Settings → "
                 "Webhooks → Events).\n\n| event | sent when |\n|---|---|\n| `request.completed` | a request ends "
                 "with a 2xx answer |\n| `request.failed` | a request ends with an error: 4xx (429 included), 5xx "
                 "or a timeout |\n| `budget.exceeded` | a virtual key passes its budget |\n\nA failed request sends "
                 "no `request.completed`: subscribe an endpoint to `request.failed` to be told about failures.\n")
    t = [ticket(20701, a, "No webhooks for failed requests",
                "Hey,\n\nsince around midday our backfill has been getting a ton of 429s (fine, we'll slow it down), "
                "but none of those failures show up as webhooks on our side. Completed ones keep arriving at "
                "hooks.pellucid.io as usual. We rely on the webhook to requeue failed work, so right now failed "
                "items are just lost. Did something change in how you send failure events? I noticed a webhook "
                "retry change in your changelog this morning.\n\nCheers,\nOwen Price\nData Platform, Pellucid",
                at(D, "14:55"), "Owen Price")]
    return scenario("", "webhook-failures-unsubscribed-event-english",
                    "English ticket (London summer time) saying failed requests send no webhooks: Pellucid's "
                    "endpoints subscribe to request.completed and budget.exceeded only; its backfill's 429s from "
                    "11:05 UTC send request.failed, which the events doc says an endpoint must subscribe to; every "
                    "delivery succeeds, another org's request.failed deliveries arrive (expected_behavior). A "
                    "webhook retry deploy at 10:52 and a test-button bug are bystanders among 17 routine deploys.",
                    now, CO, [a, b], "2028-06-26T10:00:00Z", 20701, streams, an, t,
                    {20701: truth("webhook-failures", "expected_behavior", ["docs:docs/webhooks/events.md"],
                                  [f"github:deployment:{her}", "linear:issue:GW-2790", f"endpoint:{budget}"],
                                  ["request.failed"])},
                    github=gh, webhooks=wh, configs=cfg, linear=lin, docs=[events, DOC_WEBHOOKS])


def webhook_delivered_queue_stalled_es():
    """Every delivery to the customer's endpoint is answered 200 in time; its own consumer stalled."""
    D, now = "2028-02-29", "2028-02-29T12:20:00Z"
    a = org("org_alcaravan", "Alcaraván Energía", "alcaravan-energia.es", "enterprise")
    b = org("org_brezo", "Brezo Seguros", "brezoseguros.es", "scale")
    c = org("org_carrizo", "Carrizo Apps", "carrizo.app", "growth")
    gh = github(CO, 20801, "2028-02-28T08:00:00Z", now, 21)
    her = gh.deploy(20840, at(D, "07:58"), "webhooks: sign deliveries with the rotated key set",
                    ["src/webhooks/sign.ts", "src/webhooks/keys.ts"])
    lin = [linear_issue("GW-2802", "Webhook deliveries to IPv6-only endpoints fail with dns_error",
                        "Endpoints that resolve only to AAAA records fail with dns_error.", "2028-02-20T10:00:00Z",
                        labels=("bug", "webhooks")),
           linear_issue("GW-2795", "Dashboard shows webhook latency in seconds instead of ms",
                        "The delivery log's latency column is labelled s but holds ms.", "2028-02-18T10:00:00Z",
                        labels=("bug", "dashboard"))]
    pd = [pd_incident("PWHQ0229", 9021, "Webhook queue lag above 60 s", at(D, "03:10"), at(D, "03:35"),
                      "webhooks-worker")]
    # Every delivery to Alcaraván's two endpoints is answered 200 in about 0.2 s all morning, before
    # and after 08:00 UTC (09:00 CET) and the signing deploy of 07:58. Brezo's endpoint refuses
    # connections from 06:30 (its own); Carrizo's are fine. The customer's consumer behind its
    # endpoint is what stopped processing; nothing failed on the way.
    streams = [stream(a["id"], per_minute=10, config_id="pc-alcaravan-lecturas", sdk="portkey-python/1.14.0"),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-5", per_minute=6, p50=1400, p95=3200,
                      config_id="pc-brezo-siniestros"),
               stream(c["id"], per_minute=5, config_id="pc-carrizo-chat")]
    cfg = [one_target("pc-alcaravan-lecturas", a, "lecturas", "vk-alcaravan-openai", "gpt-4o", 30000),
           one_target("pc-brezo-siniestros", b, "siniestros", "vk-brezo-anthropic", "claude-sonnet-4-5", 60000),
           one_target("pc-carrizo-chat", c, "chat", "vk-carrizo-openai", "gpt-4o", 30000)]
    main = "https://integraciones.alcaravan-energia.es/relay/eventos"
    alerts = "https://alertas.alcaravan-energia.es/relay"
    brezo = "https://hooks.brezoseguros.es/relay"
    wh = hooks((a["id"], main, ["request.completed", "request.failed"], 9, 210),
               (a["id"], alerts, ["budget.exceeded"], 0.3, 190),
               (b["id"], brezo, ["request.completed"], 4, 160),
               (c["id"], "https://api.carrizo.app/webhooks/relay", ["request.completed"], 2, 130),
               anomalies=[failures(at(D, "06:30"), None, brezo, 1.0, 0, "connection_refused")])
    t = [ticket(20801, a, "webhooks caídos OTRA VEZ",
                "Desde las 9 no nos llega NADA a integraciones. Cero eventos. Ayer firmasteis con claves nuevas "
                "según vuestro changelog, seguro que es eso. Nuestro panel de colas está vacío desde esa hora.\n"
                "Arreglad esto ya, por favor.\n\nJavier Ruiz\nAlcaraván Energía", at(D, "11:35"), "Javier Ruiz",
                priority="urgent")]
    return scenario("", "webhook-failures-delivered-queue-stalled-spanish",
                    "Angry Spanish ticket (Madrid winter time) saying no webhook arrives since 09:00: every delivery "
                    "to Alcaraván's endpoints was answered 200 within a quarter second all morning, before and after "
                    "the signing deploy of 07:58 (no_fault_found). Another org's refused endpoint, an IPv6 bug, a "
                    "dashboard bug and a queue-lag page at 03:10 are bystanders among 21 routine deploys.",
                    now, CO, [a, b, c], "2028-02-28T08:00:00Z", 20801, streams, [], t,
                    {20801: truth("webhook-failures", "no_fault_found", [],
                                  [f"github:deployment:{her}", "linear:issue:GW-2802", "linear:issue:GW-2795",
                                   "pagerduty:incident:PWHQ0229", f"endpoint:{brezo}"], ["200"])},
                    github=gh, webhooks=wh, configs=cfg, linear=lin, pagerduty=pd, docs=[DOC_WEBHOOKS])


ALL = [metadata_config_stops_storing_en, metadata_known_responses_bug_fr, metadata_present_all_along_ja,
       routing_alias_deploy_es, routing_steady_claude_pt, billing_caching_turned_off_de,
       webhook_unsubscribed_event_en, webhook_delivered_queue_stalled_es]

if __name__ == "__main__":
    write_all(ALL)
