#!/usr/bin/env python3
"""Eight library scenarios where the library was thin, written after the engine, in winter
(December, November, January: Europe on standard time, Sydney on summer time) and summer (June,
July, October: Europe and the US on summer time), São Paulo on UTC-3 all year.

API errors from the customer's own model server behind a config, and from a filed adapter bug
beside look-alike issues in two trackers; latency from a config edit of the customer, from an SDK
release whose new default makes the model think longer, from the org's own limit while a batch
job floods it, and from a filed gateway bug on one provider's model; a fallback that carried the
traffic through a real provider outage as configured, and one that had nothing to carry.

Every truth below is read from the data declared next to it (anomalies, configs, deploys, issues,
incidents, releases) and was written before any engine ran on these files. Run it to rewrite the
JSON files."""
from compose import *  # noqa: F401,F403
from scenarios_fresh import cycle
from scenarios_fresh3a import jira_issue

CO = {"name": "Relay AI", "github_repo": "relay-ai/gateway"}

PAGES.setdefault("google", ("gq4k8m2n6p0r", "Google AI Studio and Gemini API", "https://aistudio.google.com/status",
                            ["Gemini API", "Google AI Studio", "Imagen API"]))
PAGES.setdefault("cohere", ("ch5e7r9e1c3o", "Cohere", "https://status.cohere.com",
                            ["Chat API", "Embed API", "Dashboard"]))


def api_errors_own_server_de():
    D, now = "2026-12-08", "2026-12-08T11:15:00Z"
    a = org("org_quarz", "Quarzwerk Analytics", "quarzwerk.de", "enterprise")
    b = org("org_rinde", "Rinde Verlag", "rinde-verlag.at", "scale")
    c = org("org_schlehe", "Schlehe Mobility", "schlehe.io", "growth")
    gh = github(CO, 19101, "2026-12-07T10:00:00Z", now, 17)
    her = gh.deploy(19140, at(D, "09:22"), "openai adapter: forward store and metadata parameters",
                    ["src/providers/openai/request.ts", "src/providers/openai/request.test.ts"])
    sp = Statuspage(now)
    chatgpt = sp.incident("openai", "qc4h6a8t0g2p", "Elevated errors in ChatGPT", at(D, "09:30"), at(D, "10:35"),
                          "Some ChatGPT users see errors when sending messages.", component="ChatGPT")
    lin = [linear_issue("GW-1905", "custom_host: double slash in the request path when the base URL ends with /",
                        "Targets whose custom_host ends with a slash get 404 Not Found from the customer's server "
                        "because the path becomes //chat/completions.", "2026-12-01T10:00:00Z",
                        labels=("bug", "router"))]
    # Quarzwerk (a big org: 2.5% of its requests fail on any day) extracts documents through
    # pc-quarz-extraktion, whose one target sends requests to Quarzwerk's own server (custom_host
    # inferenz.quarzwerk.de serving qwen3-32b; the logs say provider openai). From 09:40 UTC
    # (10:40 in Berlin) 55% of those requests are answered 503 provider_unavailable. Quarzwerk's
    # gpt-4.1-mini search and Claude reports, and Rinde's and Schlehe's OpenAI traffic, are fine:
    # neither OpenAI's API (its incident is about ChatGPT) nor the OpenAI adapter deploy of 09:22
    # is involved, and the double-slash bug answers 404, not 503.
    noisy = 0.025
    streams = [cycle(stream(a["id"], model="qwen3-32b", per_minute=16, p50=1400, p95=3800, error_rate=noisy,
                            prompt=5200, completion=700, config_id="pc-quarz-extraktion", key="vk-quarz-docs",
                            sdk="portkey-python/1.12.0"), 7, 19, 0.25),
               cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=12, p50=700, p95=1700, error_rate=noisy,
                            config_id="pc-quarz-suche", key="vk-quarz-app", sdk="portkey-node/1.11.2"), 7, 19, 0.25),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-5", per_minute=5, p50=2400, p95=5600,
                      error_rate=noisy, config_id="pc-quarz-berichte", key="vk-quarz-docs",
                      sdk="portkey-python/1.12.0"),
               stream(b["id"], model="gpt-4.1", per_minute=9, p50=1300, p95=3000, config_id="pc-rinde-lektorat"),
               stream(c["id"], model="gpt-4.1-mini", per_minute=7, p50=650, p95=1600, config_id="pc-schlehe-routen")]
    an = [errors(at(D, "09:40"), None, {"config_id": "pc-quarz-extraktion"}, 0.55, 503, "provider_unavailable")]
    own = {"provider": "openai", "custom_host": "https://inferenz.quarzwerk.de/v1",
           "override_params": {"model": "qwen3-32b"}, "request_timeout": 60000}
    cfg = [config("pc-quarz-extraktion", a["id"], "extraktion", [own], updated="2026-10-14T08:00:00Z"),
           one_target("pc-quarz-suche", a, "suche", "vk-quarz-openai", "gpt-4.1-mini", 20000),
           one_target("pc-quarz-berichte", a, "berichte", "vk-quarz-anthropic", "claude-sonnet-4-5", 60000),
           one_target("pc-rinde-lektorat", b, "lektorat", "vk-rinde-openai", "gpt-4.1", 30000),
           one_target("pc-schlehe-routen", c, "routen", "vk-schlehe-openai", "gpt-4.1-mini", 20000)]
    t = [ticket(19101, a, "DRINGEND: 503 bei Extraktion",
                "Seit 10:40 laufen bei uns die Extraktionsjobs reihenweise auf 503.\n\n"
                "[2026-12-08 11:52:13 +0100] extractor-7 WARN upstream status=503 "
                "error_code=provider_unavailable provider=openai trace=7f3c...\n"
                "[2026-12-08 11:52:15 +0100] extractor-2 WARN upstream status=503 "
                "error_code=provider_unavailable provider=openai trace=91aa...\n\n"
                "OpenAI hat heute Vormittag eine Störung gemeldet, und ihr habt laut Changelog auch etwas am "
                "OpenAI-Adapter geändert. Was davon ist es? Wir brauchen die Extraktion bis heute Abend.\n\n"
                "Grüße\nK. Brandt, Datenplattform", at(D, "10:58"), "Katrin Brandt", priority="urgent")]
    return scenario("", "api-errors-own-model-server-503-german",
                    "Terse German ticket (Berlin winter time, pasted worker log with +0100) asking whether OpenAI's "
                    "incident or our OpenAI adapter deploy causes 503s: from 09:40 UTC 55% of the requests of "
                    "pc-quarz-extraktion, whose only target is Quarzwerk's own server (custom_host "
                    "inferenz.quarzwerk.de, logged as provider openai), fail 503 provider_unavailable while the "
                    "org's other configs and other orgs' OpenAI traffic work (customer_endpoint). Quarzwerk has a "
                    "2.5% background error rate and an office-hours cycle; a ChatGPT incident, the adapter deploy "
                    "at 09:22 and a custom_host 404 bug are bystanders among 17 routine deploys.",
                    now, CO, [a, b, c], "2026-12-07T10:00:00Z", 19101, streams, an, t,
                    {19101: truth("api-errors", "customer_endpoint", ["config:pc-quarz-extraktion"],
                                  [chatgpt, f"github:deployment:{her}", "linear:issue:GW-1905", "config:pc-quarz-suche"],
                                  ["503", "inferenz.quarzwerk.de"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin)


def api_errors_known_bug_cohere_es():
    D, now = "2027-06-22", "2027-06-22T13:00:00Z"
    a = org("org_garnacha", "Garnacha Legal", "garnachalegal.es", "scale")
    b = org("org_tomillo", "Tomillo Research", "tomillo.ai", "growth")
    c = org("org_alcor", "Alcor Retail", "alcorretail.com", "enterprise")
    gh = github(CO, 19201, "2027-06-21T12:00:00Z", now, 22)
    her = gh.deploy(19240, at(D, "06:35"), "cohere adapter: support safety_mode",
                    ["src/providers/cohere/request.ts", "src/providers/cohere/request.test.ts"])
    bug = jira_issue("PLAT-3312", 33312, "Cohere adapter: documents sent to the v2 chat endpoint as plain strings",
                     "Chat requests to Cohere command-a models that carry a documents array fail with 422 "
                     "invalid_request: the adapter forwards each document as a bare string, while Cohere's v2 chat "
                     "API wants objects with a data field.\n\nRequests without documents are not affected. Reported "
                     "by two customers using RAG with citations.", "2027-06-17T15:20:00Z",
                     labels=("bug", "provider:cohere"))
    embed = jira_issue("PLAT-3298", 33298, "Cohere embed-v4.0: batches of more than 96 texts rejected",
                       "Embedding requests with more than 96 inputs are answered 400 by Cohere; the adapter should "
                       "split them.", "2027-06-10T09:00:00Z", labels=("bug", "provider:cohere"))
    lin = [linear_issue("GW-1912", "Cohere: streamed tool calls lose their arguments",
                        "Tool-call arguments are empty in streamed Cohere responses.", "2027-06-02T10:00:00Z",
                        state="Done", labels=("bug", "provider:cohere"), completed="2027-06-09T16:00:00Z")]
    # Garnacha's case-law search (pc-garnacha-jurisprudencia) calls command-a-03-2025. At 09:05
    # UTC (11:05 in Madrid) Garnacha turned citations on, so its requests now carry documents;
    # from then 45% of the config's requests fail 422 invalid_request, as Tomillo's RAG config
    # has all day: the open Jira PLAT-3312 filed five days ago. The config itself was not edited. Garnacha's embeddings on embed-v4.0 and its gpt-4.1 drafting are
    # fine; the Cohere safety_mode deploy of 06:35 precedes the citations by 2.5 hours and changes
    # nobody's error rate (Tomillo's failures run at the same rate before and after it).
    streams = [stream(a["id"], provider="cohere", model="command-a-03-2025", per_minute=10, p50=1800, p95=4200,
                      prompt=6400, completion=500, config_id="pc-garnacha-jurisprudencia", key="vk-garnacha-app",
                      sdk="portkey-python/1.12.0"),
               stream(a["id"], route="/v1/embeddings", provider="cohere", model="embed-v4.0", per_minute=14, p50=150,
                      p95=380, prompt=700, completion=0, config_id="pc-garnacha-indexado", key="vk-garnacha-batch",
                      sdk="portkey-python/1.12.0"),
               stream(a["id"], model="gpt-4.1", per_minute=6, p50=1400, p95=3200, config_id="pc-garnacha-escritos",
                      key="vk-garnacha-app", sdk="portkey-node/1.11.2"),
               stream(b["id"], provider="cohere", model="command-a-03-2025", per_minute=7, p50=1700, p95=4000,
                      prompt=5000, completion=450, config_id="pc-tomillo-rag"),
               stream(c["id"], provider="cohere", model="command-r7b-12-2024", per_minute=9, p50=500, p95=1300,
                      config_id="pc-alcor-catalogo")]
    an = [errors(at(D, "09:05"), None, {"config_id": "pc-garnacha-jurisprudencia"}, 0.45, 422, "invalid_request"),
          errors("2027-06-21T12:00:00Z", None, {"config_id": "pc-tomillo-rag"}, 0.45, 422, "invalid_request")]
    cfg = [one_target("pc-garnacha-jurisprudencia", a, "jurisprudencia", "vk-garnacha-cohere", "command-a-03-2025",
                      60000),
           one_target("pc-garnacha-indexado", a, "indexado", "vk-garnacha-cohere", "embed-v4.0", 20000),
           one_target("pc-garnacha-escritos", a, "escritos", "vk-garnacha-openai", "gpt-4.1", 30000),
           one_target("pc-tomillo-rag", b, "rag", "vk-tomillo-cohere", "command-a-03-2025", 60000),
           one_target("pc-alcor-catalogo", c, "catalogo", "vk-alcor-cohere", "command-r7b-12-2024", 20000)]
    t = [ticket(19201, a, "Errores 422 en el buscador de jurisprudencia",
                "Buenos días:\n\nHoy a las 11:05 hemos activado las citas en el buscador de jurisprudencia "
                "y desde entonces casi la mitad de las consultas devuelven esto:\n\n"
                "HTTP 422\n{\"error\": {\"type\": \"invalid_request\", \"message\": \"invalid type for "
                "'documents[0]': expected object\"}}\n\n"
                "Sin citas funcionaba perfectamente. El indexado (embeddings) va bien. ¿Es un problema de Cohere, "
                "vuestro, o estamos mandando algo mal?\n\nUn saludo,\nMarta Ibáñez\nCTO · Garnacha Legal",
                at(D, "10:20"), "Marta Ibáñez", priority="high")]
    q = [question(19202, c, at(D, "11:40"), "¿Dónde descargo las facturas de 2026?",
                  "Hola, ¿desde qué página del panel se pueden descargar las facturas del año pasado en PDF? "
                  "Gracias.", person="Pablo Rey")]
    return scenario("", "api-errors-known-cohere-documents-bug-spanish",
                    "Spanish ticket (Madrid summer time, pasted 422 body, 'are we sending something wrong?'): the "
                    "case-law search config sends Cohere command-a requests with documents and 45% of them fail 422 "
                    "invalid_request from 09:05 UTC, when the org turned citations on, as Tomillo's RAG config does all "
                    "day; the open Jira PLAT-3312 filed five days before describes it (known_bug). A Cohere "
                    "safety_mode deploy at 06:35, an embed-v4.0 batch bug, a fixed streamed tool-call bug and the "
                    "org's embeddings config are bystanders among 22 routine deploys; a plain question about past "
                    "invoices from another org.",
                    now, CO, [a, b, c], "2027-06-21T12:00:00Z", 19201, streams, an, t,
                    {19201: truth("api-errors", "known_bug", ["jira:issue:PLAT-3312"],
                                  [f"github:deployment:{her}", "jira:issue:PLAT-3298", "linear:issue:GW-1912",
                                   "config:pc-garnacha-indexado"], ["422"])},
                    github=gh, configs=cfg, linear=lin, jira=[bug, embed], questions=q)


def latency_config_edit_pt_br():
    D, now = "2027-03-17", "2027-03-17T19:30:00Z"
    a = org("org_jabuti", "Jabuti Seguros", "jabutiseguros.com.br", "scale")
    b = org("org_kauri", "Kauri Pagamentos", "kauripag.com.br", "enterprise")
    c = org("org_lontra", "Lontra Games", "lontragames.gg", "growth")
    gh = github(CO, 19301, "2027-03-16T18:00:00Z", now, 19)
    her = gh.deploy(19340, at(D, "16:31"), "openai adapter: map reasoning_effort for o-series and gpt-5 models",
                    ["src/providers/openai/reasoning.ts", "src/providers/openai/reasoning.test.ts"])
    sp = Statuspage(now)
    o3pro = sp.incident("openai", "o3p5r7o9i1n3", "Increased latency for o3-pro", at(D, "16:20"), at(D, "18:05"),
                        "Requests to o3-pro are taking longer than usual to complete.", impact="minor")
    lin = [linear_issue("GW-1921", "o-series: reasoning_tokens missing from usage in the logs",
                        "completion_tokens_details.reasoning_tokens is not stored for o4-mini responses.",
                        "2027-03-09T10:00:00Z", labels=("bug", "provider:openai"))]
    # Jabuti's customer service bot (pc-jabuti-atendimento) and its claims triage
    # (pc-jabuti-triagem) both call o4-mini. At 16:47 UTC (13:47 in São Paulo) someone at Jabuti
    # saved pc-jabuti-atendimento with reasoning_effort "high" and a larger completion budget;
    # from 16:50 the provider time of that config's requests is 3.2x what it was. The triage
    # config on the same model, Kauri's o4-mini traffic and everyone's gateway time are unchanged,
    # so neither the reasoning_effort mapping deployed at 16:31 (it would slow every o4-mini
    # request) nor OpenAI (its incident is about o3-pro) explains it.
    streams = [stream(a["id"], model="o4-mini", per_minute=14, p50=2600, p95=6200, prompt=1800, completion=600,
                      config_id="pc-jabuti-atendimento", key="vk-jabuti-app", sdk="portkey-node/1.12.0"),
               stream(a["id"], model="o4-mini", per_minute=8, p50=1900, p95=4500, config_id="pc-jabuti-triagem",
                      key="vk-jabuti-sinistros", sdk="portkey-python/1.12.0"),
               stream(a["id"], provider="google", model="gemini-2.5-flash", per_minute=6, p50=900, p95=2200,
                      config_id="pc-jabuti-ocr", key="vk-jabuti-sinistros", sdk="portkey-python/1.12.0"),
               stream(b["id"], model="o4-mini", per_minute=10, p50=2300, p95=5400, config_id="pc-kauri-antifraude"),
               stream(c["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=7, p50=700, p95=1700,
                      config_id="pc-lontra-npc")]
    an = [latency(at(D, "16:50"), None, {"config_id": "pc-jabuti-atendimento"}, 3.2)]
    slow = {"virtual_key": "vk-jabuti-openai",
            "override_params": {"model": "o4-mini", "reasoning_effort": "high", "max_completion_tokens": 12000},
            "request_timeout": 90000}
    cfg = [config("pc-jabuti-atendimento", a["id"], "atendimento", [slow], updated=at(D, "16:47")),
           config("pc-jabuti-triagem", a["id"], "triagem",
                  [{"virtual_key": "vk-jabuti-openai", "override_params": {"model": "o4-mini", "reasoning_effort": "low"},
                    "request_timeout": 30000}], updated="2027-02-03T12:00:00Z"),
           one_target("pc-jabuti-ocr", a, "ocr", "vk-jabuti-google", "gemini-2.5-flash", 30000),
           one_target("pc-kauri-antifraude", b, "antifraude", "vk-kauri-openai", "o4-mini", 30000),
           one_target("pc-lontra-npc", c, "npc", "vk-lontra-anthropic", "claude-haiku-4-5", 15000)]
    t = [ticket(19301, a, "atendimento muito lento desde o início da tarde",
                "Oi pessoal, tudo bem?\n\nDesde umas 13h50 (horário de Brasília) o nosso bot de atendimento está "
                "demorando demais pra responder. No Datadog o p95 saiu de uns 6 s pra quase 20 s. Os clientes "
                "estão abandonando o chat.\n\nA gente não subiu nada hoje do nosso lado. Vocês fizeram algum "
                "deploy? Vi também que a OpenAI tem um incidente aberto de latência.\n\nValeu,\nRafael Monteiro\n"
                "Tech Lead · Jabuti Seguros", at(D, "18:10"), "Rafael Monteiro", priority="high")]
    return scenario("", "latency-spike-config-edit-reasoning-portuguese",
                    "Brazilian Portuguese ticket (São Paulo, UTC-3, 'we shipped nothing today') about a slow bot: "
                    "Jabuti saved pc-jabuti-atendimento at 16:47 UTC with reasoning_effort high and a larger "
                    "completion budget, and from 16:50 that config's o4-mini provider time is 3.2x while its other "
                    "o4-mini config and another org's o4-mini are unchanged (customer_config). Our reasoning_effort "
                    "deploy at 16:31, an OpenAI o3-pro latency incident and a reasoning-tokens usage bug are "
                    "bystanders among 19 routine deploys.",
                    now, CO, [a, b, c], "2027-03-16T18:00:00Z", 19301, streams, an, t,
                    {19301: truth("latency-spike", "customer_config", ["config:pc-jabuti-atendimento"],
                                  [f"github:deployment:{her}", o3pro, "linear:issue:GW-1921", "config:pc-jabuti-triagem"],
                                  ["pc-jabuti-atendimento", "16:50"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin)


def latency_sdk_thinking_default_ja():
    D, now = "2027-02-16", "2027-02-16T06:30:00Z"
    a = org("org_kumo", "Kumo Mobility", "kumo-mobility.jp", "enterprise")
    b = org("org_matsu", "Matsu Foods", "matsufoods.co.jp", "scale")
    c = org("org_nagi", "Nagi Health", "nagihealth.com", "growth")
    gh = github(CO, 19401, "2027-02-15T06:00:00Z", now, 20)
    her = gh.deploy(19440, at(D, "01:25"), "anthropic adapter: pass through top_k and service_tier",
                    ["src/providers/anthropic/request.ts", "src/providers/anthropic/request.test.ts"])
    gh.release(19490, "portkey-node-v1.13.0", "portkey-node 1.13.0",
               "## Changes\n- Extended thinking is now on by default for Claude models that support it "
               "(`thinking: {type: 'enabled', budget_tokens: 4096}`); pass `thinking: {type: 'disabled'}` to opt "
               "out.\n- New `client.batches` helper.\n- Node 18 is no longer supported.", "2027-02-12T09:00:00Z")
    gh.release(19489, "portkey-python-v1.12.1", "portkey-python 1.12.1",
               "## Fixes\n- Retry on connection resets during streaming.", "2027-02-10T09:00:00Z")
    sp = Statuspage(now)
    opus = sp.incident("anthropic", "op4u6s8i0n2c", "Elevated latency on Claude Opus 4.1", at(D, "01:30"),
                       at(D, "02:50"), "Requests to Claude Opus 4.1 are slower than usual.", impact="minor")
    lin = [linear_issue("GW-1931", "Anthropic: thinking blocks dropped from streamed responses",
                        "Streamed Claude responses with extended thinking arrive without the thinking blocks.",
                        "2027-02-08T10:00:00Z", labels=("bug", "provider:anthropic"))]
    # Kumo's concierge app (pc-kumo-concierge, claude-haiku-4-5) ran portkey-node/1.12.3; it had a
    # 4% canary on portkey-node/1.13.0 since yesterday, and at 01:40 UTC (10:40 JST) Kumo rolled
    # 1.13.0 out to everything (3% of the requests still come from old pods). 1.13.0 turns on
    # extended thinking by default (its release notes), so the requests it sends take about 3.2x
    # the provider time, canary included. The app's latency rises at 01:40 because its traffic
    # moved to the new version. Kumo's route planner (portkey-python/1.12.1, same model) and
    # Matsu's claude-haiku-4-5 are unchanged; the Opus incident is another model and the adapter
    # deploy of 01:25 changes nobody else's latency.
    old, new = "portkey-node/1.12.3", "portkey-node/1.13.0"
    streams = [stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=14, p50=900, p95=2100,
                      config_id="pc-kumo-concierge", key="vk-kumo-app", sdk=old),
               stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=14, p50=2900, p95=6800,
                      completion=900, config_id="pc-kumo-concierge", key="vk-kumo-app", sdk=new),
               stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=8, p50=1000, p95=2300,
                      config_id="pc-kumo-routes", key="vk-kumo-ops", sdk="portkey-python/1.12.1"),
               stream(b["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=9, p50=850, p95=2000,
                      config_id="pc-matsu-menu"),
               stream(c["id"], model="gpt-4.1-mini", per_minute=6, p50=650, p95=1600, config_id="pc-nagi-notes")]
    an = [volume(at(D, "01:40"), None, {"config_id": "pc-kumo-concierge", "sdk": old}, 0.03),
          volume("2027-02-15T06:00:00Z", at(D, "01:40"), {"config_id": "pc-kumo-concierge", "sdk": new}, 0.04)]
    cfg = [one_target("pc-kumo-concierge", a, "concierge", "vk-kumo-anthropic", "claude-haiku-4-5", 30000),
           one_target("pc-kumo-routes", a, "routes", "vk-kumo-anthropic", "claude-haiku-4-5", 30000),
           one_target("pc-matsu-menu", b, "menu", "vk-matsu-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-nagi-notes", c, "notes", "vk-nagi-openai", "gpt-4.1-mini", 20000)]
    t = [ticket(19401, a, "【至急】コンシェルジュ機能の応答遅延",
                "お世話になっております。Kumo Mobility の佐藤です。\n\n本日 10時40分頃より、弊社アプリのコンシェルジュ"
                "機能の応答が大幅に遅くなっております。平常時は 1 秒程度で返っていたものが、現在は 3 秒以上かかって"
                "おります（添付のスクリーンショットの通り、アプリ側の計測で p50 が約 3 倍）。\n\n"
                "Anthropic のステータスページに遅延の障害が出ておりましたが、関係しておりますでしょうか。なお、"
                "ルート計画の機能は同じモデルを使っておりますが、特に遅くなっていないようです。\n\n"
                "お忙しいところ恐縮ですが、原因のご確認をお願いいたします。\n\n佐藤 健一\nKumo Mobility 株式会社 "
                "プラットフォーム部", at(D, "03:05"), "Kenichi Sato", priority="high")]
    return scenario("", "latency-spike-sdk-thinking-default-japanese",
                    "Japanese ticket (JST, a screenshot described in words) about a slow concierge: at 01:40 UTC Kumo "
                    "rolled portkey-node/1.13.0 out (a 4% canary before), whose release turns on extended thinking by "
                    "default; its claude-haiku-4-5 requests take ~3.2x the provider time throughout, canary "
                    "included, while the org's route planner on portkey-python and another org on the same model "
                    "are unchanged (sdk_version). An Opus latency incident at the same minutes, our Anthropic "
                    "adapter deploy at 01:25 and a streamed-thinking bug are bystanders among 20 routine deploys.",
                    now, CO, [a, b, c], "2027-02-15T06:00:00Z", 19401, streams, an, t,
                    {19401: truth("latency-spike", "sdk_version", ["sdk:portkey-node/1.13.0"],
                                  [f"github:deployment:{her}", opus, "linear:issue:GW-1931", "config:pc-kumo-routes"],
                                  ["1.13.0"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin)


def latency_own_limit_backfill_en():
    D, now = "2027-10-06", "2027-10-06T21:30:00Z"
    a = org("org_bluestem", "Bluestem Insurance", "bluesteminsure.com", "scale")
    b = org("org_cypress", "Cypress Logistics", "cypresslogistics.com", "enterprise")
    c = org("org_dogwood", "Dogwood Learning", "dogwood.school", "growth")
    gh = github(CO, 19501, "2027-10-05T20:00:00Z", now, 24)
    her = gh.deploy(19540, at(D, "18:20"), "rate limiter: keep token buckets in the redis cluster",
                    ["src/ratelimit/bucket.ts", "src/ratelimit/redis.ts", "src/ratelimit/bucket.test.ts"])
    sp = Statuspage(now)
    opus = sp.incident("anthropic", "bo1p3u5s7l9t", "Elevated latency on Claude Opus 4.1", at(D, "18:45"),
                       at(D, "20:10"), "Requests to Claude Opus 4.1 are slower than usual.", impact="minor")
    lin = [linear_issue("GW-1941", "429 from the batch route carries no retry-after header",
                        "Rate-limited responses of /v1/batches omit retry-after, so clients retry immediately.",
                        "2027-09-28T10:00:00Z", labels=("bug", "rate-limits"))]
    # Bluestem's claims assistant (pc-bluestem-claims) and its document backfill job
    # (pc-bluestem-backfill) both call claude-sonnet-4-5. At 19:05 UTC (14:05 in Chicago) the
    # backfill job starts sending 6x its usual traffic with long prompts; the org passes its
    # token budget on that model and 35% of the org's claude-sonnet-4-5 requests, the
    # assistant's too, are answered 429 rate_limited. Bluestem's client retries them with
    # backoff, which is what its users feel as slowness; provider and gateway time are flat.
    # Cypress's claude-sonnet-4-5 traffic is not limited, so the limiter deploy of 18:20 changes
    # nothing; the Anthropic incident is about Opus.
    streams = [stream(a["id"], provider="anthropic", model="claude-sonnet-4-5", per_minute=12, p50=1900, p95=4300,
                      config_id="pc-bluestem-claims", key="vk-bluestem-app", sdk="portkey-node/1.12.0"),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-5", per_minute=3, p50=3800, p95=8200,
                      prompt=9000, completion=900, config_id="pc-bluestem-backfill", key="vk-bluestem-batch",
                      sdk="portkey-python/1.12.1"),
               stream(a["id"], model="gpt-4.1-mini", per_minute=8, p50=650, p95=1600, config_id="pc-bluestem-portal",
                      key="vk-bluestem-app", sdk="portkey-node/1.12.0"),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-5", per_minute=11, p50=1800, p95=4100,
                      config_id="pc-cypress-dispatch"),
               stream(c["id"], model="gpt-4.1", per_minute=6, p50=1300, p95=3000, config_id="pc-dogwood-tutor")]
    an = [volume(at(D, "19:05"), None, {"config_id": "pc-bluestem-backfill"}, 6.0),
          rate_limited(at(D, "19:05"), None, {"org": a["id"], "model": "claude-sonnet-4-5"}, 0.35)]
    cfg = [one_target("pc-bluestem-claims", a, "claims", "vk-bluestem-anthropic", "claude-sonnet-4-5", 60000),
           one_target("pc-bluestem-backfill", a, "backfill", "vk-bluestem-anthropic", "claude-sonnet-4-5", 120000),
           one_target("pc-bluestem-portal", a, "portal", "vk-bluestem-openai", "gpt-4.1-mini", 20000),
           one_target("pc-cypress-dispatch", b, "dispatch", "vk-cypress-anthropic", "claude-sonnet-4-5", 60000),
           one_target("pc-dogwood-tutor", c, "tutor", "vk-dogwood-openai", "gpt-4.1", 30000)]
    t = [ticket(19501, a, "Fwd: claims assistant latency",
                "Forwarding from our on-call engineer, can you take a look?\n\n"
                "---------- Forwarded message ---------\nFrom: Tyler Nguyen <tyler@bluesteminsure.com>\n"
                "Subject: claims assistant latency\n\n"
                "p99 on the claims assistant went from ~5s to 40s+ starting a little after 2pm Central. Most calls "
                "look fine, the slow ones sit in our client for a long time before they come back. Sample from our "
                "logs:\n\n"
                "2027-10-06T14:31:07-05:00 claims-api POST /v1/chat/completions total=41872ms attempts=4\n"
                "2027-10-06T14:31:09-05:00 claims-api POST /v1/chat/completions total=1933ms attempts=1\n\n"
                "Didn't Relay change its rate limiter today? Their changelog says so.\n\n"
                "---\nAmanda Price\nVP Engineering, Bluestem Insurance", at(D, "20:15"), "Amanda Price",
                priority="high")]
    q = [question(19502, c, at(D, "20:40"), "SSO with Google Workspace",
                  "Hi, does the growth plan include SSO with Google Workspace, or do we need enterprise?",
                  person="Nora Diaz")]
    return scenario("", "latency-spike-own-limit-backfill-forwarded",
                    "Forwarded English ticket (US Central summer time, pasted client log with attempts=4) about a p99 "
                    "of 40 s that blames our rate limiter deploy: at 19:05 UTC Bluestem's backfill job sends 6x its "
                    "traffic and 35% of the org's claude-sonnet-4-5 requests, its assistant's too, get 429 "
                    "rate_limited, which its client retries with backoff; provider and gateway time are flat and "
                    "another org on the same model is not limited (rate_limited). The limiter deploy at 18:20, an "
                    "Opus latency incident and a retry-after bug on the batch route are bystanders among 24 routine "
                    "deploys; a plain SSO question from another org.",
                    now, CO, [a, b, c], "2027-10-05T20:00:00Z", 19501, streams, an, t,
                    {19501: truth("latency-spike", "rate_limited", ["config:pc-bluestem-backfill"],
                                  [f"github:deployment:{her}", opus, "linear:issue:GW-1941", "config:pc-bluestem-portal"],
                                  ["429", "19:05"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, questions=q, docs=[DOC_RATE_LIMITS])


def fallback_provider_outage_fr():
    D, now = "2027-11-16", "2027-11-16T12:30:00Z"
    a = org("org_sauge", "Sauge Santé", "saugesante.fr", "scale")
    b = org("org_ortie", "Ortie Conseil", "ortieconseil.fr", "growth")
    c = org("org_verveine", "Verveine Studio", "verveine.studio", "enterprise")
    gh = github(CO, 19601, "2027-11-15T10:00:00Z", now, 21)
    her = gh.deploy(19640, at(D, "09:55"), "router: record why a request fell back",
                    ["src/router/fallback.ts", "src/router/fallback.test.ts"])
    sp = Statuspage(now)
    sonnet = sp.incident("anthropic", "sa7u9g1e3s5t", "Elevated overloaded errors on Claude Sonnet 4.5",
                         at(D, "10:10"), at(D, "12:00"), "We are seeing elevated overloaded (529) errors for "
                         "Claude Sonnet 4.5 on the Claude API.")
    sora = sp.incident("openai", "so2r4a6v8i0d", "Sora video generation degraded", at(D, "10:00"), at(D, "11:30"),
                       "Some Sora generations fail or take longer than usual.", component="Sora")
    lin = [linear_issue("GW-1951", "Fallback: on_status_codes ignored for streamed requests",
                        "Streamed requests that fail with a listed status do not fall back.", "2027-11-09T10:00:00Z",
                        labels=("bug", "router"))]
    # Sauge's medical-records assistant (pc-sauge-dossiers) tries claude-sonnet-4-5 first and
    # falls back to gpt-4.1 on 429/500/503/529. 10:12-12:00 UTC (11:12-13:00 in Paris) Anthropic
    # overloads claude-sonnet-4-5, as its incident says: 60% of Sauge's requests fail over and
    # are served by gpt-4.1 as configured, while Ortie's and Verveine's direct Claude Sonnet 4.5
    # requests get the 529s. Sauge's letters on claude-haiku-4-5 are fine. The router deploy of
    # 09:55 only records a header, and the streamed-fallback bug does not apply (Sauge's
    # requests fell back); Sora is another product of the fallback's provider. The fallback did
    # what it is configured to do, which is what the library reads as expected behaviour (like
    # fallback-worked-as-configured-japanese); the outage behind it is named, not blamed.
    streams = [stream(a["id"], provider="anthropic", model="claude-sonnet-4-5", per_minute=14, p50=2100, p95=4800,
                      config_id="pc-sauge-dossiers", key="vk-sauge-app", sdk="portkey-python/1.12.1"),
               stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=6, p50=700, p95=1700,
                      config_id="pc-sauge-courriers", key="vk-sauge-app", sdk="portkey-python/1.12.1"),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-5", per_minute=8, p50=2000, p95=4600,
                      config_id="pc-ortie-notes"),
               stream(c["id"], provider="anthropic", model="claude-sonnet-4-5", per_minute=10, p50=2200, p95=5000,
                      config_id="pc-verveine-scripts")]
    an = [errors(at(D, "10:12"), at(D, "12:00"), {"config_id": "pc-sauge-dossiers"}, 0.6, 529, "provider_overloaded",
                 {"provider": "openai", "model": "gpt-4.1"}),
          errors(at(D, "10:12"), at(D, "12:00"), {"org": b["id"]}, 0.6, 529, "provider_overloaded"),
          errors(at(D, "10:12"), at(D, "12:00"), {"org": c["id"]}, 0.6, 529, "provider_overloaded")]
    cfg = [config("pc-sauge-dossiers", a["id"], "dossiers",
                  [target("vk-sauge-anthropic", "claude-sonnet-4-5", 30000, [429, 500, 503, 529]),
                   target("vk-sauge-openai", "gpt-4.1", 30000)], mode="fallback", updated="2027-09-02T14:00:00Z"),
           one_target("pc-sauge-courriers", a, "courriers", "vk-sauge-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-ortie-notes", b, "notes", "vk-ortie-anthropic", "claude-sonnet-4-5", 30000),
           one_target("pc-verveine-scripts", c, "scripts", "vk-verveine-anthropic", "claude-sonnet-4-5", 30000)]
    t = [ticket(19601, a, "Réponses de GPT au lieu de Claude ?",
                "Bonjour,\n\nDepuis 11h15 environ, une bonne partie des réponses de notre assistant dossiers "
                "ne viennent plus de Claude mais de GPT-4.1 (fallback_used = true dans vos journaux). Nos "
                "médecins voient la différence de style et s'inquiètent.\n\nEst-ce Claude qui est en panne, ou "
                "votre routeur ? J'ai vu dans votre changelog une modification du fallback ce matin. Et est-ce "
                "que ça va durer ?\n\nBien cordialement,\nÉlise Fournier\nDSI adjointe · Sauge Santé",
                at(D, "10:50"), "Élise Fournier")]
    return scenario("", "fallback-provider-outage-carried-french",
                    "French ticket (Paris winter time) asking whether Claude is down or our router changed: "
                    "10:12-12:00 UTC Anthropic overloads claude-sonnet-4-5 (its incident), 60% of pc-sauge-dossiers "
                    "requests fail over to gpt-4.1 as configured while other orgs' direct Sonnet requests get 529 "
                    "(expected_behavior). Our fallback-header deploy at 09:55, a streamed-fallback bug, a Sora incident "
                    "and the org's Haiku config are bystanders among 21 routine deploys.",
                    now, CO, [a, b, c], "2027-11-15T10:00:00Z", 19601, streams, an, t,
                    {19601: truth("fallback", "expected_behavior", ["config:pc-sauge-dossiers"],
                                  [f"github:deployment:{her}", "linear:issue:GW-1951", sora, "config:pc-sauge-courriers"],
                                  ["gpt-4.1", "529"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_FALLBACKS])


def fallback_no_fault_sydney_en():
    D, now = "2027-01-19", "2027-01-19T03:00:00Z"
    a = org("org_wattle", "Wattle Energy", "wattleenergy.com.au", "scale")
    b = org("org_banksia", "Banksia Media", "banksiamedia.com", "enterprise")
    c = org("org_kowhai", "Kowhai Tours", "kowhaitours.co.nz", "growth")
    gh = github(CO, 19701, "2027-01-18T02:00:00Z", now, 18)
    her = gh.deploy(19740, "2027-01-18T22:40:00Z", "router: fall back on 408 for streamed requests",
                    ["src/router/fallback.ts", "src/router/timeouts.ts", "src/router/fallback.test.ts"])
    sp = Statuspage(now)
    pro = sp.incident("google", "gp8r0o2l4a6t", "Increased latency for Gemini 2.5 Pro", "2027-01-18T23:10:00Z",
                      "2027-01-19T00:30:00Z", "Some requests to Gemini 2.5 Pro take longer than usual.",
                      component="Gemini API", impact="minor")
    lin = [linear_issue("GW-1961", "Fallback: request_timeout of the first target ignored when streaming",
                        "A streamed request to a slow first target waits past its request_timeout.",
                        "2027-01-12T10:00:00Z", labels=("bug", "router"))]
    # Wattle's support agent (pc-wattle-agent) tries gemini-2.5-flash first (request_timeout 20 s)
    # and falls back to claude-haiku-4-5 on 429/5xx. Nothing changes for Wattle: its Gemini
    # latency, its 0.4% errors and its fallbacks are as flat this morning (Sydney summer time,
    # UTC+11) as the day before, and no request of it timed out. Banksia's gemini-2.5-pro is 1.8x
    # slower 23:10-00:30 UTC during Google's incident on that model. The router deploy of 22:40
    # (09:40 in Sydney) changed nobody's fallbacks.
    streams = [stream(a["id"], provider="google", model="gemini-2.5-flash", per_minute=16, p50=900, p95=2200,
                      error_rate=0.004, config_id="pc-wattle-agent", key="vk-wattle-app", sdk="portkey-node/1.12.0"),
               stream(a["id"], model="gpt-4.1-mini", per_minute=6, p50=650, p95=1600, config_id="pc-wattle-billing",
                      key="vk-wattle-billing", sdk="portkey-python/1.12.1"),
               stream(b["id"], provider="google", model="gemini-2.5-pro", per_minute=8, p50=2600, p95=6200,
                      config_id="pc-banksia-captions"),
               stream(c["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=7, p50=700, p95=1700,
                      config_id="pc-kowhai-itinerary")]
    an = [latency("2027-01-18T23:10:00Z", "2027-01-19T00:30:00Z", {"model": "gemini-2.5-pro"}, 1.8)]
    cfg = [config("pc-wattle-agent", a["id"], "agent",
                  [target("vk-wattle-google", "gemini-2.5-flash", 20000, [429, 500, 502, 503, 504]),
                   target("vk-wattle-anthropic", "claude-haiku-4-5", 20000)], mode="fallback",
                  updated="2026-11-20T01:00:00Z"),
           one_target("pc-wattle-billing", a, "billing", "vk-wattle-openai", "gpt-4.1-mini", 20000),
           one_target("pc-banksia-captions", b, "captions", "vk-banksia-google", "gemini-2.5-pro", 60000),
           one_target("pc-kowhai-itinerary", c, "itinerary", "vk-kowhai-anthropic", "claude-haiku-4-5", 15000)]
    t = [ticket(19701, a, "fallback broken??",
                "your fallback has been broken since your deploy this morning. gemini calls hang and nothing "
                "fails over to claude. our agents are complaining. google's status page shows gemini issues too. "
                "fix it please, today.\n\nsent from my phone", "2027-01-19T01:40:00Z", "Liam Walsh",
                priority="urgent")]
    return scenario("", "fallback-no-fault-sydney-terse",
                    "An angry two-line English ticket from Sydney (summer time, UTC+11) saying our morning deploy "
                    "broke fallbacks and Gemini hangs: pc-wattle-agent's gemini-2.5-flash latency, its 0.4% errors "
                    "and its fallbacks are flat all day and nothing timed out (no_fault_found). A router deploy "
                    "about fallbacks at 22:40 UTC, Google's Gemini 2.5 Pro latency incident (another org's model) "
                    "and a streamed-timeout bug are bystanders among 18 routine deploys.",
                    now, CO, [a, b, c], "2027-01-18T02:00:00Z", 19701, streams, an, t,
                    {19701: truth("fallback", "no_fault_found", [],
                                  [f"github:deployment:{her}", pro, "linear:issue:GW-1961", "config:pc-banksia-captions"],
                                  ["gemini-2.5-flash"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_FALLBACKS])


def latency_known_bug_gemini_pt():
    D, now = "2027-07-07", "2027-07-07T15:00:00Z"
    a = org("org_sardinha", "Sardinha Media", "sardinhamedia.pt", "enterprise")
    b = org("org_tremoco", "Tremoço Labs", "tremoco.io", "scale")
    c = org("org_azulejo", "Azulejo Travel", "azulejo.travel", "growth")
    gh = github(CO, 19801, "2027-07-06T12:00:00Z", now, 23)
    her = gh.deploy(19840, at(D, "08:40"), "google adapter: map safety settings to the new thresholds",
                    ["src/providers/google/safety.ts", "src/providers/google/safety.test.ts"])
    sp = Statuspage(now)
    imagen = sp.incident("google", "im1a3g5e7n9a", "Elevated error rates for Imagen", at(D, "11:10"), at(D, "12:40"),
                         "Some image generation requests fail.", component="Imagen API")
    bug = jira_issue("PLAT-3340", 33340, "Gemini 2.5 Pro: context cache re-created before every request",
                     "Since about 11:20 UTC Google answers our cachedContents lookup with a new error shape and the "
                     "Google adapter falls back to creating the context cache again before each request. Every "
                     "Gemini 2.5 Pro request spends 2-3 s more in the gateway; the provider's own time is unchanged. "
                     "Other Gemini models do not use the cache path.", "2027-07-07T12:05:00Z",
                     labels=("bug", "provider:google", "latency"))
    lin = [linear_issue("GW-1971", "Gemini: thought summaries missing from streamed responses",
                        "includeThoughts is ignored when streaming Gemini 2.5 responses.", "2027-06-30T10:00:00Z",
                        labels=("bug", "provider:google"))]
    # Sardinha subtitles videos with gemini-2.5-pro (pc-sardinha-legendas) and tags them with
    # gemini-2.5-flash (pc-sardinha-etiquetas); it is a big org with a 2.5% background error rate.
    # From 11:20 UTC (12:20 in Lisbon) every org's gemini-2.5-pro request (Tremoço's too) spends
    # ~2.5 s more in the gateway while Google's own time is flat: the open Jira PLAT-3340 filed at
    # 12:05. Flash and the org's OpenAI chat are unchanged; the Imagen incident is another product
    # and the safety-settings deploy of 08:40 came 2h40 before with no change to anyone's latency.
    noisy = 0.025
    streams = [stream(a["id"], provider="google", model="gemini-2.5-pro", per_minute=10, p50=2800, p95=6400,
                      gateway_ms=10, error_rate=noisy, prompt=7000, completion=900, config_id="pc-sardinha-legendas",
                      key="vk-sardinha-video", sdk="portkey-python/1.12.1"),
               stream(a["id"], provider="google", model="gemini-2.5-flash", per_minute=12, p50=800, p95=2000,
                      error_rate=noisy, config_id="pc-sardinha-etiquetas", key="vk-sardinha-video",
                      sdk="portkey-python/1.12.1"),
               stream(a["id"], model="gpt-4.1", per_minute=6, p50=1300, p95=3000, error_rate=noisy,
                      config_id="pc-sardinha-redacao", key="vk-sardinha-app", sdk="portkey-node/1.12.0"),
               stream(b["id"], provider="google", model="gemini-2.5-pro", per_minute=7, p50=2600, p95=6000,
                      gateway_ms=10, config_id="pc-tremoco-research"),
               stream(c["id"], model="gpt-4.1-mini", per_minute=6, p50=650, p95=1600, config_id="pc-azulejo-chat")]
    an = [latency(at(D, "11:20"), None, {"model": "gemini-2.5-pro"}, 250, component="gateway")]
    cfg = [one_target("pc-sardinha-legendas", a, "legendas", "vk-sardinha-google", "gemini-2.5-pro", 60000),
           one_target("pc-sardinha-etiquetas", a, "etiquetas", "vk-sardinha-google", "gemini-2.5-flash", 30000),
           one_target("pc-sardinha-redacao", a, "redacao", "vk-sardinha-openai", "gpt-4.1", 30000),
           one_target("pc-tremoco-research", b, "research", "vk-tremoco-google", "gemini-2.5-pro", 60000),
           one_target("pc-azulejo-chat", c, "chat", "vk-azulejo-openai", "gpt-4.1-mini", 20000)]
    t = [ticket(19801, a, "Legendagem lenta",
                "Boa tarde,\n\nDesde as 12h20 (hora de Lisboa) a nossa legendagem automática ficou bastante mais "
                "lenta: cada pedido demora mais 2 a 3 segundos do que de manhã. A etiquetagem, que também usa "
                "Gemini, está normal. A Google tem um incidente aberto, mas parece ser de imagens. Alguma "
                "ideia?\n\nObrigado,\nTiago Moura\nEngenharia · Sardinha Media", at(D, "13:30"), "Tiago Moura")]
    return scenario("", "latency-spike-known-gemini-cache-bug-portuguese",
                    "European Portuguese ticket (Lisbon summer time) about slower subtitling: from 11:20 UTC every "
                    "org's gemini-2.5-pro request spends ~2.5 s more in the gateway while Google's time is flat, the "
                    "open Jira PLAT-3340 filed at 12:05 (known_bug). Flash and OpenAI traffic are unchanged; an "
                    "Imagen incident, a Google safety-settings deploy at 08:40 and a thought-summaries bug are "
                    "bystanders among 23 routine deploys in a big org with a 2.5% background error rate.",
                    now, CO, [a, b, c], "2027-07-06T12:00:00Z", 19801, streams, an, t,
                    {19801: truth("latency-spike", "known_bug", ["jira:issue:PLAT-3340"],
                                  [f"github:deployment:{her}", imagen, "linear:issue:GW-1971",
                                   "config:pc-sardinha-etiquetas"], ["11:20"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, jira=[bug])


ALL = [api_errors_own_server_de, api_errors_known_bug_cohere_es, latency_config_edit_pt_br,
       latency_sdk_thinking_default_ja, latency_own_limit_backfill_en, fallback_provider_outage_fr,
       fallback_no_fault_sydney_en, latency_known_bug_gemini_pt]

if __name__ == "__main__":
    write_all(ALL)
