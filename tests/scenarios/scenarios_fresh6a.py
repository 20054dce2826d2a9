#!/usr/bin/env python3
"""Eight library scenarios in the thin cells of the API-error, latency, fallback and routing
patterns, in winter (December, January, February: Europe and the US on standard time) and summer
(June, August: Europe on summer time), Buenos Aires and São Paulo on UTC-3 and Tokyo on UTC+9 all
year.

A documented upload limit answered as documented; a customer's own GPU server behind one of two
self-hosted configs answering 502; a customer's own model server slowing down; a model the docs
describe as slow; an SDK release whose new default sends requests to a slower service tier; a
loadbalance config that shares traffic between two providers as weighted for months; a "Gemini
fails" ticket over flat data; and a fallback whose streamed requests do not fail over on the
timeouts of a provider slowdown while the same config's other requests do, as a filed router bug
describes.

Every truth below is read from the data declared next to it (anomalies, configs, deploys, issues,
incidents, releases, docs) and was written before any engine ran on these files. Run it to rewrite
the JSON files."""
from compose import *  # noqa: F401,F403
from scenarios_fresh import cycle

CO = {"name": "Relay AI", "github_repo": "relay-ai/gateway"}

PAGES.setdefault("google", ("gq4k8m2n6p0r", "Google AI Studio and Gemini API", "https://aistudio.google.com/status",
                            ["Gemini API", "Google AI Studio", "Imagen API"]))
PAGES.setdefault("mistral", ("ms2d6f0h4j8k", "Mistral AI", "https://status.mistral.ai",
                             ["La Plateforme API", "Le Chat", "Fine-tuning"]))

DOC_UPLOADS = doc("docs/limits/request-size.md", "Request size limits",
                  "# Request size limits\n\nThe gateway accepts request bodies up to 25 MB. Audio files sent to "
                  "`/v1/audio/transcriptions` and `/v1/audio/translations` count in full: a recording above 25 MB "
                  "is answered `413` with `error_code: payload_too_large` before it reaches the provider, and it "
                  "is not billed. Split long recordings into chunks (for example ten minutes of 128 kbit/s MP3) "
                  "or compress them before uploading.\n")
DOC_OWN_SERVER = doc("docs/providers/custom-host.md", "Your own model server (custom_host)",
                     "# Your own model server (custom_host)\n\nA target with `custom_host` sends its requests to "
                     "your server instead of the provider's API (a vLLM, TGI or Ollama server that speaks the "
                     "OpenAI format; set `provider: openai`). The request logs name the provider of the format. "
                     "Errors and slowness of your server are passed through to your client unchanged; the hosted "
                     "models are not affected by them.\n")
DOC_MODEL_LATENCY = doc("docs/models/latency.md", "Model latency",
                        "# Model latency\n\nTypical time to a complete answer of 500 output tokens:\n\n"
                        "| model | typical p50 | notes |\n|---|---|---|\n"
                        "| gpt-4.1-mini | 1-2 s | |\n| gpt-4.1 | 2-4 s | |\n"
                        "| gpt-5-pro | 40-120 s | reasons at length before answering; use background mode or "
                        "streaming for user-facing features |\n"
                        "| claude-sonnet-4-5 | 3-6 s | |\n\nA request to a reasoning model such as gpt-5-pro "
                        "is expected to take tens of seconds; it is not a fault of the gateway or of the provider.\n")
DOC_LOADBALANCE = doc("docs/routing/loadbalance.md", "Load balancing",
                      "# Load balancing\n\nA config with `strategy.mode = loadbalance` sends each request to one "
                      "of its targets, chosen at random in proportion to the target's `weight`. A config with "
                      "weights 0.75 and 0.25 sends about one request in four to the second target, whatever the "
                      "request. Use `strategy.mode = single` (or a fallback config) to send every request to one "
                      "provider.\n")


def api_errors_upload_limit_en():
    D, now = "2028-12-05", "2028-12-05T19:40:00Z"
    a = org("org_halyard", "Halyard Podcasts", "halyardpods.fm", "growth")
    b = org("org_jetty", "Jetty Court Reporting", "jettycourt.com", "enterprise")
    c = org("org_keel", "Keel Health", "keelhealth.io", "scale")
    gh = github(CO, 20101, "2028-12-04T18:00:00Z", now, 14)
    her = gh.deploy(20140, at(D, "16:48"), "audio: stream multipart uploads to the provider",
                    ["src/routes/audio/transcriptions.ts", "src/routes/audio/upload.ts",
                     "src/routes/audio/upload.test.ts"])
    sp = Statuspage(now)
    realtime = sp.incident("openai", "rt6e8a0l2t4m", "Degraded performance on the Realtime API", at(D, "15:30"),
                           at(D, "16:40"), "Some Realtime API sessions disconnect early.", component="Realtime API")
    lin = [linear_issue("GW-2011", "Transcriptions: language hint dropped for m4a uploads",
                        "The `language` form field is ignored when the uploaded file is m4a, so short clips are "
                        "sometimes transcribed in the wrong language.", "2028-11-28T10:00:00Z",
                        labels=("bug", "audio"))]
    # Halyard transcribes podcast episodes with whisper-1 (pc-halyard-transcribe). At 17:10 UTC
    # (09:10 in Seattle, winter time) it starts its new "full episode" feature, which uploads whole
    # recordings: from then 35% of its transcription requests are answered 413 payload_too_large by
    # the gateway, which the request-size page documents for audio above 25 MB. Halyard's chat
    # summaries, Jetty's transcriptions (short court clips, same route and model) and Keel's chat
    # are fine, so the upload deploy of 16:48 changed nobody's errors; the Realtime incident ended
    # before the onset and is another product; the m4a bug is about languages, not errors.
    streams = [stream(a["id"], route="/v1/audio/transcriptions", model="whisper-1", per_minute=6, p50=9000,
                      p95=21000, prompt=0, completion=1800, config_id="pc-halyard-transcribe", key="vk-halyard-ingest",
                      sdk="portkey-python/1.13.2"),
               stream(a["id"], model="gpt-4.1-mini", per_minute=9, p50=900, p95=2100, config_id="pc-halyard-notes",
                      key="vk-halyard-app", sdk="portkey-node/1.13.0"),
               cycle(stream(b["id"], route="/v1/audio/transcriptions", model="whisper-1", per_minute=14, p50=2500,
                            p95=6000, prompt=0, completion=400, config_id="pc-jetty-clips"), 14, 23, 0.3),
               stream(c["id"], model="gpt-4.1", per_minute=8, p50=1500, p95=3400, config_id="pc-keel-intake")]
    an = [errors(at(D, "17:10"), None, {"config_id": "pc-halyard-transcribe"}, 0.35, 413, "payload_too_large")]
    cfg = [one_target("pc-halyard-transcribe", a, "transcribe", "vk-halyard-openai", "whisper-1", 120000),
           one_target("pc-halyard-notes", a, "notes", "vk-halyard-openai", "gpt-4.1-mini", 20000),
           one_target("pc-jetty-clips", b, "clips", "vk-jetty-openai", "whisper-1", 60000),
           one_target("pc-keel-intake", c, "intake", "vk-keel-openai", "gpt-4.1", 30000)]
    t = [ticket(20101, a, "413 errors on transcription - urgent",
                "whisper calls started failing this morning with 413 Request Entity Too Large. we did NOT change "
                "anything on our side and your changelog shows an upload change today, so please roll it back.\n\n"
                "{\"error\":{\"code\":\"payload_too_large\",\"message\":\"Request body exceeds the limit\"}}\n\n"
                "about a third of episodes fail, the rest go through. starting around 9am pacific.\n\n-- Dana",
                at(D, "18:25"), "Dana Whitfield", priority="urgent")]
    return scenario("", "api-errors-upload-limit-documented-english",
                    "Terse English ticket (Seattle winter time, pasted error body, 'we did NOT change anything', "
                    "blames our upload deploy): from 17:10 UTC 35% of Halyard's whisper-1 transcription requests are "
                    "answered 413 payload_too_large, as the request-size page documents for audio above 25 MB, when "
                    "its new full-episode feature starts; another org's transcriptions on the same route and model "
                    "and Halyard's chat are fine (expected_behavior). The audio upload deploy at 16:48, a Realtime "
                    "incident before the onset and an m4a language bug are bystanders among 14 routine deploys.",
                    now, CO, [a, b, c], "2028-12-04T18:00:00Z", 20101, streams, an, t,
                    {20101: truth("api-errors", "expected_behavior", ["docs:docs/limits/request-size.md"],
                                  [f"github:deployment:{her}", realtime, "linear:issue:GW-2011", "config:pc-halyard-notes"],
                                  ["413", "25 MB"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_UPLOADS, DOC_OWN_SERVER])


def api_errors_own_gpu_502_es():
    D, now = "2028-06-14", "2028-06-14T17:00:00Z"
    a = org("org_ombu", "Ombú Analítica", "ombu.com.ar", "scale")
    b = org("org_ceibo", "Ceibo Salud", "ceibosalud.com", "enterprise")
    c = org("org_yerba", "Yerba Labs", "yerbalabs.dev", "growth")
    gh = github(CO, 20201, "2028-06-13T15:00:00Z", now, 22)
    her = gh.deploy(20240, at(D, "12:40"), "router: reuse upstream connections for custom_host targets",
                    ["src/router/upstream-pool.ts", "src/router/upstream-pool.test.ts"])
    sp = Statuspage(now)
    lechat = sp.incident("mistral", "lc3h5a7t9m1s", "Le Chat unavailable for some users", at(D, "13:05"), at(D, "14:10"),
                         "Some users cannot open conversations in Le Chat.", component="Le Chat")
    lin = [linear_issue("GW-2021", "custom_host: 404 when the base URL carries a query string",
                        "Targets whose custom_host ends with ?api-version=... get 404 from the customer's server "
                        "because the path is appended after the query string.", "2028-06-05T10:00:00Z",
                        labels=("bug", "router"))]
    # Ombú runs two GPU servers of its own: gpu-a serves llama-3.3-70b (pc-ombu-resumen) and gpu-b
    # serves qwen3-32b (pc-ombu-clasificador); both are custom_host targets logged as provider
    # openai. From 13:20 UTC (10:20 in Buenos Aires) 45% of pc-ombu-clasificador's requests are
    # answered 502 bad_gateway; pc-ombu-resumen on gpu-a, Ombú's hosted Mistral, and Ceibo's own
    # vLLM server behind the same kind of target are fine. So the connection-pool deploy of 12:40,
    # which touched every custom_host target, is a bystander; the query-string bug answers 404;
    # the Mistral incident is about Le Chat.
    streams = [stream(a["id"], model="qwen3-32b", per_minute=15, p50=600, p95=1500, prompt=900, completion=40,
                      config_id="pc-ombu-clasificador", key="vk-ombu-etl", sdk="portkey-python/1.13.2"),
               stream(a["id"], model="llama-3.3-70b", per_minute=7, p50=2600, p95=6000, prompt=4000,
                      completion=500, config_id="pc-ombu-resumen", key="vk-ombu-etl", sdk="portkey-python/1.13.2"),
               stream(a["id"], provider="mistral", model="mistral-medium-3", per_minute=5, p50=1200, p95=2900,
                      config_id="pc-ombu-chat", key="vk-ombu-web", sdk="portkey-node/1.13.0"),
               stream(b["id"], model="llama-3.3-70b", per_minute=9, p50=2400, p95=5600, config_id="pc-ceibo-notas"),
               stream(c["id"], provider="mistral", model="mistral-small-3.2", per_minute=6, p50=500, p95=1200,
                      config_id="pc-yerba-bot")]
    an = [errors(at(D, "13:20"), None, {"config_id": "pc-ombu-clasificador"}, 0.45, 502, "bad_gateway")]

    def own(host, model):
        return {"provider": "openai", "custom_host": host, "override_params": {"model": model},
                "request_timeout": 30000}
    cfg = [config("pc-ombu-clasificador", a["id"], "clasificador", [own("https://gpu-b.ombu.com.ar/v1", "qwen3-32b")],
                  updated="2028-03-02T12:00:00Z"),
           config("pc-ombu-resumen", a["id"], "resumen", [own("https://gpu-a.ombu.com.ar/v1", "llama-3.3-70b")],
                  updated="2028-03-02T12:00:00Z"),
           one_target("pc-ombu-chat", a, "chat", "vk-ombu-mistral", "mistral-medium-3", 20000),
           config("pc-ceibo-notas", b["id"], "notas", [own("https://llm.ceibosalud.com/v1", "llama-3.3-70b")]),
           one_target("pc-yerba-bot", c, "bot", "vk-yerba-mistral", "mistral-small-3.2", 15000)]
    t = [ticket(20201, a, "Re: alta de usuarios SSO",
                "Hola, aprovecho este hilo aunque es otro tema.\n\nDesde las 10:20 (hora de Buenos Aires) el "
                "clasificador tira errores intermitentes, casi la mitad de los pedidos:\n\n"
                "{\"status\": 502, \"error\": {\"code\": \"bad_gateway\", \"provider\": \"openai\"}}\n\n"
                "No es timeout, responde rápido con 502. El resumen anda bien. Vimos que hoy hicieron un deploy "
                "del router con conexiones para custom_host... ¿puede ser eso?\n\nSaludos,\nNicolás Ferreyra\n"
                "Infra · Ombú Analítica", at(D, "14:35"), "Nicolás Ferreyra", priority="high")]
    return scenario("", "api-errors-own-gpu-server-502-spanish",
                    "Argentinian Spanish ticket under a stale SSO subject (Buenos Aires, UTC-3, 'not a timeout, a "
                    "502', blames our connection-pool deploy): from 13:20 UTC 45% of pc-ombu-clasificador's "
                    "requests, whose only target is Ombú's own GPU server gpu-b (custom_host, logged as provider "
                    "openai), are answered 502 while its other self-hosted config on gpu-a, another org's own "
                    "server and the hosted Mistral traffic are fine (customer_endpoint). The custom_host "
                    "connection-pool deploy at 12:40, a custom_host 404 bug and a Le Chat incident are bystanders "
                    "among 22 routine deploys.",
                    now, CO, [a, b, c], "2028-06-13T15:00:00Z", 20201, streams, an, t,
                    {20201: truth("api-errors", "customer_endpoint", ["config:pc-ombu-clasificador"],
                                  [f"github:deployment:{her}", lechat, "linear:issue:GW-2021", "config:pc-ombu-resumen"],
                                  ["502", "gpu-b.ombu.com.ar"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_OWN_SERVER])


def latency_own_server_de():
    D, now = "2028-08-22", "2028-08-22T11:30:00Z"
    a = org("org_lahn", "Lahn Versicherungen", "lahn-vers.de", "enterprise")
    b = org("org_murr", "Murr Logistik", "murrlog.at", "scale")
    c = org("org_nagold", "Nagold Media", "nagold.media", "growth")
    gh = github(CO, 20301, "2028-08-21T09:00:00Z", now, 18)
    her = gh.deploy(20340, at(D, "07:30"), "openai adapter: parse streamed usage chunks",
                    ["src/providers/openai/stream.ts", "src/providers/openai/stream.test.ts"])
    sp = Statuspage(now)
    api = sp.incident("openai", "ap9i1l3a5t7e", "Increased latency for gpt-4.1 in the API", "2028-08-21T14:00:00Z",
                      "2028-08-21T15:20:00Z", "Some gpt-4.1 requests take longer than usual.", impact="minor")
    lin = [linear_issue("GW-2031", "custom_host: TLS handshake repeated for every request",
                        "Requests to custom_host targets open a new TLS connection each time, adding ~200 ms.",
                        "2028-08-10T10:00:00Z", labels=("bug", "router", "latency"))]
    # Lahn answers claims with a fine-tuned mistral-small served by its own vLLM server
    # (pc-lahn-schaden, custom_host vllm.lahn-vers.de, logged as provider openai) and drafts
    # letters with hosted gpt-4.1 (pc-lahn-briefe). From 07:45 UTC (09:45 in Frankfurt, summer
    # time) the time its server takes is 3.5x; gateway time, Lahn's gpt-4.1, and Murr's own server
    # behind a custom_host target are unchanged. The OpenAI incident was the day before and on
    # hosted gpt-4.1; the TLS bug would add a flat 200 ms to every custom_host (Murr's too) since
    # it was filed; the streamed-usage deploy of 07:30 touched hosted OpenAI only.
    streams = [cycle(stream(a["id"], model="lahn-mistral-small-ft", per_minute=14, p50=1100, p95=2600,
                            prompt=2200, completion=300, config_id="pc-lahn-schaden", key="vk-lahn-claims",
                            sdk="portkey-python/1.13.2"), 6, 17, 0.2),
               cycle(stream(a["id"], model="gpt-4.1", per_minute=6, p50=1500, p95=3500, config_id="pc-lahn-briefe",
                            key="vk-lahn-office", sdk="portkey-node/1.13.0"), 6, 17, 0.2),
               stream(b["id"], model="llama-3.1-8b", per_minute=10, p50=400, p95=950, config_id="pc-murr-touren"),
               stream(c["id"], model="gpt-4.1-mini", per_minute=7, p50=800, p95=1900, config_id="pc-nagold-tags")]
    an = [latency(at(D, "07:45"), None, {"config_id": "pc-lahn-schaden"}, 3.5)]
    cfg = [config("pc-lahn-schaden", a["id"], "schaden",
                  [{"provider": "openai", "custom_host": "https://vllm.lahn-vers.de/v1",
                    "override_params": {"model": "lahn-mistral-small-ft"}, "request_timeout": 45000}],
                  updated="2028-05-19T08:00:00Z"),
           one_target("pc-lahn-briefe", a, "briefe", "vk-lahn-openai", "gpt-4.1", 30000),
           config("pc-murr-touren", b["id"], "touren",
                  [{"provider": "openai", "custom_host": "https://inference.murrlog.at/v1",
                    "override_params": {"model": "llama-3.1-8b"}, "request_timeout": 15000}]),
           one_target("pc-nagold-tags", c, "tags", "vk-nagold-openai", "gpt-4.1-mini", 20000)]
    t = [ticket(20301, a, "Antwortzeiten Schadenassistent",
                "Hallo zusammen,\n\nseit ca. 09:45 Uhr sind die Antworten unseres Schadenassistenten deutlich "
                "langsamer, im Grafana-Dashboard (Screenshot hängt leider nicht dran) sehen wir statt gut einer "
                "Sekunde jetzt eher 4 Sekunden. Die Briefvorlagen mit GPT laufen normal.\n\nIhr hattet doch "
                "heute früh ein Deployment am OpenAI-Adapter? Bitte prüfen, ob das damit zusammenhängt.\n\n"
                "Viele Grüße\nJonas Keller\nIT-Betrieb, Lahn Versicherungen AG", at(D, "09:20"), "Jonas Keller",
                priority="high")]
    return scenario("", "latency-spike-own-vllm-server-german",
                    "German ticket (Frankfurt summer time, a screenshot mentioned but missing, blames our OpenAI "
                    "adapter deploy): from 07:45 UTC the provider time of pc-lahn-schaden, whose only target is "
                    "Lahn's own vLLM server (custom_host vllm.lahn-vers.de, logged as provider openai), is 3.5x "
                    "while gateway time, Lahn's hosted gpt-4.1 and another org's own server are unchanged "
                    "(customer_endpoint). Our streamed-usage deploy at 07:30, a custom_host TLS bug and a gpt-4.1 "
                    "incident the day before are bystanders among 18 routine deploys; office-hours cycles.",
                    now, CO, [a, b, c], "2028-08-21T09:00:00Z", 20301, streams, an, t,
                    {20301: truth("latency-spike", "customer_endpoint", ["config:pc-lahn-schaden"],
                                  [f"github:deployment:{her}", api, "linear:issue:GW-2031", "config:pc-lahn-briefe"],
                                  ["vllm.lahn-vers.de"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_OWN_SERVER])


def latency_slow_model_documented_ja():
    D, now = "2029-02-07", "2029-02-07T08:00:00Z"
    a = org("org_hinoki", "Hinoki Consulting", "hinoki-c.co.jp", "scale")
    b = org("org_isago", "Isago Retail", "isago.jp", "enterprise")
    c = org("org_kaya", "Kaya Learning", "kayalearn.com", "growth")
    gh = github(CO, 20401, "2029-02-06T08:00:00Z", now, 26)
    her = gh.deploy(20440, at(D, "03:15"), "openai adapter: support background mode for responses",
                    ["src/providers/openai/responses.ts", "src/providers/openai/responses.test.ts"])
    sp = Statuspage(now)
    sora = sp.incident("openai", "sr2a4o6v8i0d", "Sora video generation delayed", at(D, "02:10"), at(D, "03:40"),
                       "Some Sora generations take longer than usual.", component="Sora")
    lin = [linear_issue("GW-2041", "Responses API: reasoning summaries missing in the logs",
                        "reasoning.summary is not stored for gpt-5 responses.", "2029-01-30T10:00:00Z",
                        labels=("bug", "provider:openai"))]
    # Hinoki writes due-diligence reports with gpt-5-pro (pc-hinoki-report) and answers its
    # consultants' chat with gpt-4.1 (pc-hinoki-chat); both configs are months old. gpt-5-pro
    # takes ~55 s (p50) for Hinoki and for Isago all window long, flat before and after the time
    # the ticket names; the model-latency page documents 40-120 s for it. Nothing changed: no
    # anomaly, no error. The background-mode deploy of 03:15 and a Sora incident are bystanders.
    streams = [cycle(stream(a["id"], route="/v1/responses", model="gpt-5-pro", per_minute=2, p50=55000, p95=98000,
                            prompt=9000, completion=2600, config_id="pc-hinoki-report", key="vk-hinoki-research",
                            sdk="portkey-python/1.13.2"), 1, 10, 0.3),
               cycle(stream(a["id"], model="gpt-4.1", per_minute=10, p50=1700, p95=3800, config_id="pc-hinoki-chat",
                            key="vk-hinoki-app", sdk="portkey-node/1.13.0"), 1, 10, 0.3),
               stream(b["id"], route="/v1/responses", model="gpt-5-pro", per_minute=1, p50=60000, p95=105000,
                      prompt=8000, completion=2400, config_id="pc-isago-forecast"),
               stream(c["id"], model="gpt-4.1-mini", per_minute=8, p50=850, p95=2000, config_id="pc-kaya-tutor")]
    cfg = [one_target("pc-hinoki-report", a, "report", "vk-hinoki-openai", "gpt-5-pro", 180000),
           one_target("pc-hinoki-chat", a, "chat", "vk-hinoki-openai", "gpt-4.1", 30000),
           one_target("pc-isago-forecast", b, "forecast", "vk-isago-openai", "gpt-5-pro", 300000),
           one_target("pc-kaya-tutor", c, "tutor", "vk-kaya-openai", "gpt-4.1-mini", 20000)]
    t = [ticket(20401, a, "レポート生成が遅い件について",
                "いつもお世話になっております。ひのきコンサルティングの田中でございます。\n\n"
                "本日午前より、レポート生成機能（gpt-5-pro を使用）の応答に 1 分近くかかっております。"
                "同じ画面のチャット機能（gpt-4.1）は 2 秒ほどで返ってまいりますので、御社のゲートウェイ側で"
                "何か詰まっているのではないかと危惧しております。\n\n障害ではないかどうか、ご確認いただけます"
                "でしょうか。\n\n何卒よろしくお願い申し上げます。\n田中 美咲", at(D, "05:30"), "Misaki Tanaka")]
    return scenario("", "latency-spike-slow-model-documented-japanese",
                    "Polite Japanese ticket (JST, 'this morning', compares with a fast model on the same screen): "
                    "Hinoki's gpt-5-pro report requests take ~55 s at p50 all window long, as another org's do and "
                    "as the model-latency page documents (40-120 s), with no change at the time named "
                    "(expected_behavior). A background-mode deploy at 03:15, a Sora incident and a reasoning-summary "
                    "bug are bystanders among 26 routine deploys; office-hours cycles in JST.",
                    now, CO, [a, b, c], "2029-02-06T08:00:00Z", 20401, streams, [], t,
                    {20401: truth("latency-spike", "expected_behavior", ["docs:docs/models/latency.md"],
                                  [f"github:deployment:{her}", sora, "linear:issue:GW-2041", "config:pc-hinoki-chat"],
                                  ["gpt-5-pro"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_MODEL_LATENCY, DOC_FALLBACKS])


def latency_sdk_flex_tier_es():
    D, now = "2029-01-23", "2029-01-23T16:30:00Z"
    a = org("org_tejo", "Tejo Finanzas", "tejofinanzas.es", "enterprise")
    b = org("org_encina", "Encina Seguros", "encinaseguros.es", "scale")
    c = org("org_pino", "Pino Studio", "pinostudio.mx", "growth")
    gh = github(CO, 20501, "2029-01-22T12:00:00Z", now, 20)
    her = gh.deploy(20540, at(D, "09:50"), "openai adapter: log rate-limit headers of every response",
                    ["src/providers/openai/headers.ts", "src/providers/openai/headers.test.ts"])
    gh.release(20590, "portkey-python-v1.15.0", "portkey-python 1.15.0",
               "## Changes\n- OpenAI requests now default to `service_tier: \"flex\"` (lower price, slower "
               "responses); pass `service_tier=\"default\"` to keep the previous behaviour.\n- Typed "
               "`client.files` helpers.\n- Python 3.8 is no longer supported.", "2029-01-19T09:00:00Z")
    gh.release(20589, "portkey-node-v1.14.1", "portkey-node 1.14.1",
               "## Fixes\n- Abort signals are honoured while streaming.", "2029-01-16T09:00:00Z")
    sp = Statuspage(now)
    rt = sp.incident("openai", "rl5t7i9m1e3r", "Realtime API connection errors", at(D, "10:05"), at(D, "11:00"),
                     "Some Realtime API sessions fail to connect.", component="Realtime API")
    lin = [linear_issue("GW-2051", "OpenAI: service_tier missing from the request logs",
                        "The service_tier a response was served with is not stored in the logs.",
                        "2029-01-12T10:00:00Z", labels=("bug", "provider:openai"))]
    # Tejo's risk-scoring service (pc-tejo-riesgo, gpt-4.1) ran portkey-python/1.14.0 and moved to
    # portkey-python/1.15.0 at 10:15 UTC (11:15 in Madrid, winter time); 1.15.0 sends OpenAI
    # requests to the flex tier by default (its release notes), so those requests take 3x the
    # provider time. Tejo's web chat on portkey-node/1.14.1 (same model, other config), Encina's
    # gpt-4.1 and Pino's traffic are unchanged; the headers deploy of 09:50 touches every org's
    # OpenAI traffic and changes none of it; the Realtime incident is another product.
    old, new = "portkey-python/1.14.0", "portkey-python/1.15.0"
    streams = [stream(a["id"], model="gpt-4.1", per_minute=12, p50=1400, p95=3200, config_id="pc-tejo-riesgo",
                      key="vk-tejo-batch", sdk=old),
               stream(a["id"], model="gpt-4.1", per_minute=12, p50=4200, p95=9800, config_id="pc-tejo-riesgo",
                      key="vk-tejo-batch", sdk=new),
               stream(a["id"], model="gpt-4.1", per_minute=8, p50=1500, p95=3400, config_id="pc-tejo-chat",
                      key="vk-tejo-web", sdk="portkey-node/1.14.1"),
               stream(b["id"], model="gpt-4.1", per_minute=9, p50=1450, p95=3300, config_id="pc-encina-polizas"),
               stream(c["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=6, p50=700, p95=1700,
                      config_id="pc-pino-copy")]
    an = [volume(at(D, "10:15"), None, {"config_id": "pc-tejo-riesgo", "sdk": old}, 0),
          volume("2029-01-22T12:00:00Z", at(D, "10:15"), {"config_id": "pc-tejo-riesgo", "sdk": new}, 0)]
    cfg = [one_target("pc-tejo-riesgo", a, "riesgo", "vk-tejo-openai", "gpt-4.1", 30000),
           one_target("pc-tejo-chat", a, "chat", "vk-tejo-openai", "gpt-4.1", 30000),
           one_target("pc-encina-polizas", b, "polizas", "vk-encina-openai", "gpt-4.1", 30000),
           one_target("pc-pino-copy", c, "copy", "vk-pino-anthropic", "claude-haiku-4-5", 15000)]
    t = [ticket(20501, a, "¿Ha cambiado algo en gpt-4.1?",
                "Buenas tardes:\n\n¿Habéis cambiado algo en gpt-4.1 esta mañana? Nuestro servicio de scoring "
                "tarda el triple desde más o menos las 11:15 (hora peninsular). El chat web usa el mismo modelo "
                "y va como siempre, así que no entendemos nada.\n\nP.D.: hoy hemos actualizado dependencias "
                "en el servicio de scoring, pero nada relacionado con la IA.\n\nGracias,\nLucía Herrero\n"
                "Arquitectura · Tejo Finanzas", at(D, "12:40"), "Lucía Herrero")]
    q = [question(20502, c, at(D, "14:05"), "Límite de claves virtuales",
                  "Hola, ¿cuántas claves virtuales podemos crear con el plan growth?", person="Andrés Vidal")]
    return scenario("", "latency-spike-sdk-flex-default-spanish",
                    "Spanish ticket asked as a question (Madrid winter time, 'we only updated unrelated "
                    "dependencies'): at 10:15 UTC Tejo's scoring service moved to portkey-python/1.15.0, whose "
                    "release sends OpenAI requests to the flex tier by default; its gpt-4.1 requests take 3x the "
                    "provider time while the org's web chat on portkey-node (same model) and another org's gpt-4.1 "
                    "are unchanged (sdk_version). A headers deploy at 09:50, a Realtime incident and a service_tier "
                    "logging bug are bystanders among 20 routine deploys; a plain question from another org.",
                    now, CO, [a, b, c], "2029-01-22T12:00:00Z", 20501, streams, an, t,
                    {20501: truth("latency-spike", "sdk_version", ["sdk:portkey-python/1.15.0"],
                                  [f"github:deployment:{her}", rt, "linear:issue:GW-2051", "config:pc-tejo-chat"],
                                  ["1.15.0"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, questions=q)


def routing_loadbalance_weights_pt():
    D, now = "2028-06-27", "2028-06-27T20:00:00Z"
    a = org("org_caju", "Caju Imóveis", "cajuimoveis.com.br", "scale")
    b = org("org_buriti", "Buriti Educação", "buriti.edu.br", "enterprise")
    c = org("org_pequi", "Pequi Games", "pequigames.com", "growth")
    gh = github(CO, 20601, "2028-06-26T18:00:00Z", now, 17)
    her = gh.deploy(20640, at(D, "14:05"), "router: sticky loadbalance by trace id",
                    ["src/router/loadbalance.ts", "src/router/loadbalance.test.ts"])
    sp = Statuspage(now)
    haiku = sp.incident("anthropic", "hk3a5i7k9u1x", "Elevated errors on Claude Haiku 4.5", at(D, "12:20"),
                        at(D, "13:05"), "Some requests to Claude Haiku 4.5 fail.")
    lin = [linear_issue("GW-2061", "Loadbalance: weights of 0 still receive traffic",
                        "A target with weight 0 in a loadbalance config receives about 1% of the requests.",
                        "2028-06-20T10:00:00Z", labels=("bug", "router"))]
    # Caju's listing writer (pc-caju-anuncios) has been a loadbalance config since April: gpt-4.1
    # with weight 0.75 and claude-sonnet-4-5 with weight 0.25. All window long a quarter of its
    # requests are served by Claude, as the weights say; both targets answer without errors and
    # their shares do not move at the time the ticket names. Caju's single-target search config,
    # Buriti and Pequi are unremarkable. The sticky-loadbalance deploy of 14:05 did not change the
    # shares, the zero-weight bug does not apply (no target has weight 0) and the Haiku incident is
    # another model.
    streams = [stream(a["id"], model="gpt-4.1", per_minute=12, p50=1600, p95=3600, config_id="pc-caju-anuncios",
                      key="vk-caju-app", sdk="portkey-node/1.13.0"),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-5", per_minute=4, p50=2300, p95=5200,
                      config_id="pc-caju-anuncios", key="vk-caju-app", sdk="portkey-node/1.13.0"),
               stream(a["id"], model="gpt-4.1-mini", per_minute=8, p50=700, p95=1700, config_id="pc-caju-busca",
                      key="vk-caju-app", sdk="portkey-node/1.13.0"),
               stream(b["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=9, p50=700, p95=1700,
                      config_id="pc-buriti-tutor"),
               stream(c["id"], model="gpt-4.1-mini", per_minute=6, p50=650, p95=1600, config_id="pc-pequi-npc")]
    lb = [dict(target("vk-caju-openai", "gpt-4.1", 30000), weight=0.75),
          dict(target("vk-caju-anthropic", "claude-sonnet-4-5", 30000), weight=0.25)]
    cfg = [config("pc-caju-anuncios", a["id"], "anuncios", lb, mode="loadbalance", updated="2028-04-11T13:00:00Z"),
           one_target("pc-caju-busca", a, "busca", "vk-caju-openai", "gpt-4.1-mini", 20000),
           one_target("pc-buriti-tutor", b, "tutor", "vk-buriti-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-pequi-npc", c, "npc", "vk-pequi-openai", "gpt-4.1-mini", 15000)]
    t = [ticket(20601, a, "roteamento mandando pro Claude??",
                "oi pessoal\n\no gerador de anúncios deveria ir só pro gpt-4.1 mas olhando os logs de hoje tem "
                "resposta vindo do claude-sonnet-4-5, tipo 1 a cada 4. o claude escreve diferente e o time de "
                "conteúdo reclamou. vcs mudaram algo no roteamento hoje? vi um deploy de loadbalance no "
                "changelog por volta das 11h (horário de brasília)\n\nabs\nBeatriz", at(D, "17:45"),
                "Beatriz Lima")]
    return scenario("", "provider-routing-loadbalance-weights-portuguese",
                    "Informal Brazilian Portuguese ticket (São Paulo, UTC-3) saying the listing writer should only "
                    "use gpt-4.1 but one answer in four comes from Claude, blaming a loadbalance deploy: "
                    "pc-caju-anuncios has been a loadbalance config with weights 0.75 (gpt-4.1) and 0.25 "
                    "(claude-sonnet-4-5) since April, and a quarter of its requests go to Claude all window long "
                    "without errors (expected_behavior). The sticky-loadbalance deploy at 14:05 UTC, a zero-weight "
                    "bug and a Haiku incident are bystanders among 17 routine deploys.",
                    now, CO, [a, b, c], "2028-06-26T18:00:00Z", 20601, streams, [], t,
                    {20601: truth("provider-routing", "expected_behavior", ["config:pc-caju-anuncios"],
                                  [f"github:deployment:{her}", haiku, "linear:issue:GW-2061", "config:pc-caju-busca"],
                                  ["loadbalance"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_LOADBALANCE, DOC_FALLBACKS])


def routing_gemini_no_fault_de():
    D, now = "2029-01-10", "2029-01-10T15:00:00Z"
    a = org("org_saentis", "Säntis Reisen", "saentis-reisen.ch", "scale")
    b = org("org_pilatus", "Pilatus Pharma", "pilatuspharma.ch", "enterprise")
    c = org("org_rigi", "Rigi Apps", "rigiapps.io", "growth")
    gh = github(CO, 20701, "2029-01-09T12:00:00Z", now, 23)
    her = gh.deploy(20740, at(D, "09:35"), "google adapter: map thinking budget for gemini-2.5 models",
                    ["src/providers/google/thinking.ts", "src/providers/google/thinking.test.ts"])
    sp = Statuspage(now)
    imagen = sp.incident("google", "ig4m6a8g0e2n", "Elevated error rates for Imagen", at(D, "09:50"), at(D, "11:15"),
                         "Some image generation requests fail.", component="Imagen API")
    lin = [linear_issue("GW-2071", "Gemini: 400 on requests with more than 128 function declarations",
                        "Requests with very large tool lists are refused by the Google adapter.",
                        "2029-01-03T10:00:00Z", labels=("bug", "provider:google"))]
    # Säntis sends its booking assistant to gemini-2.5-flash (pc-saentis-buchung) and its mail
    # drafts to gpt-4.1 (pc-saentis-mail). Its Gemini requests fail at the same 0.5% all window,
    # before and after 10:00 UTC (11:00 in Zurich, winter time) when the ticket says Gemini stopped
    # working; their latency is flat. Nothing is wrong in the data. The thinking-budget deploy of
    # 09:35 changed no one's Gemini errors, the Imagen incident is another product, and the
    # function-declarations bug needs tool lists Säntis does not send (its errors do not move).
    streams = [cycle(stream(a["id"], provider="google", model="gemini-2.5-flash", per_minute=14, p50=900, p95=2200,
                            error_rate=0.005, config_id="pc-saentis-buchung", key="vk-saentis-web",
                            sdk="portkey-node/1.14.1"), 7, 18, 0.25),
               cycle(stream(a["id"], model="gpt-4.1", per_minute=7, p50=1500, p95=3400, config_id="pc-saentis-mail",
                            key="vk-saentis-backoffice", sdk="portkey-python/1.14.0"), 7, 18, 0.25),
               stream(b["id"], provider="google", model="gemini-2.5-pro", per_minute=6, p50=2600, p95=6000,
                      config_id="pc-pilatus-studien"),
               stream(c["id"], provider="google", model="gemini-2.5-flash", per_minute=8, p50=850, p95=2100,
                      config_id="pc-rigi-support")]
    cfg = [one_target("pc-saentis-buchung", a, "buchung", "vk-saentis-google", "gemini-2.5-flash", 20000),
           one_target("pc-saentis-mail", a, "mail", "vk-saentis-openai", "gpt-4.1", 30000),
           one_target("pc-pilatus-studien", b, "studien", "vk-pilatus-google", "gemini-2.5-pro", 60000),
           one_target("pc-rigi-support", c, "support", "vk-rigi-google", "gemini-2.5-flash", 20000)]
    t = [ticket(20701, a, "Gemini geht nicht mehr, GPT schon",
                "Grüezi\n\nSeit ca. 11 Uhr funktioniert bei uns Gemini nicht mehr, der Buchungsassistent zeigt "
                "nur noch \"Leider ist ein Fehler aufgetreten\". Die Mail-Entwürfe mit GPT gehen ganz normal. "
                "Bei Google steht auf der Statusseite auch eine Störung. Liegt das an euch oder an Google? "
                "Wir haben nichts geändert.\n\nFreundliche Grüsse\nReto Zimmermann", at(D, "12:10"),
                "Reto Zimmermann", priority="high")]
    q = [question(20702, b, at(D, "13:30"), "Rechnungsadresse ändern",
                  "Guten Tag, wie können wir die Rechnungsadresse für unsere Firma ändern?", person="Anna Roth")]
    return scenario("", "provider-routing-gemini-no-fault-german",
                    "Swiss German ticket (Zurich winter time, 'Gemini fails, GPT works', 'we changed nothing', "
                    "points at Google's status page): Säntis' gemini-2.5-flash requests fail at the same 0.5% and "
                    "take the same time all window, before and after 10:00 UTC (no_fault_found). A Google "
                    "thinking-budget deploy at 09:35, an Imagen incident and a function-declarations bug are "
                    "bystanders among 23 routine deploys; a plain billing-address question from another org.",
                    now, CO, [a, b, c], "2029-01-09T12:00:00Z", 20701, streams, [], t,
                    {20701: truth("provider-routing", "no_fault_found", [],
                                  [f"github:deployment:{her}", imagen, "linear:issue:GW-2071", "config:pc-saentis-mail"],
                                  ["gemini-2.5-flash"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, questions=q)


def fallback_streamed_timeout_bug_en():
    D, now = "2028-08-09", "2028-08-09T15:30:00Z"
    a = org("org_tern", "Tern Legal", "ternlegal.co.uk", "scale")
    b = org("org_plover", "Plover Fintech", "plover.finance", "enterprise")
    c = org("org_dunlin", "Dunlin Maps", "dunlinmaps.com", "growth")
    gh = github(CO, 20801, "2028-08-08T10:00:00Z", now, 19)
    her = gh.deploy(20840, at(D, "08:55"), "router: include the failed target in fallback logs",
                    ["src/router/fallback.ts", "src/router/fallback.test.ts"])
    sp = Statuspage(now)
    sonnet = sp.incident("anthropic", "sn4t6e8l0a2y", "Elevated latency on Claude Sonnet 4.5", at(D, "09:25"),
                         at(D, "12:30"), "Some requests to Claude Sonnet 4.5 take much longer than usual.",
                         impact="minor")
    opus = sp.incident("anthropic", "op7u9s1l3a5t", "Elevated errors on Claude Opus 4.1", "2028-08-08T19:00:00Z",
                       "2028-08-08T20:10:00Z", "Some requests to Claude Opus 4.1 fail.")
    bug = linear_issue("GW-2081", "Fallback: a streamed request that hits request_timeout returns 408 instead of "
                       "failing over", "When the first target of a fallback config is streamed and exceeds its "
                       "request_timeout before the first token, the router returns 408 to the client instead of "
                       "trying the next target. Non-streamed requests fail over as documented.",
                       "2028-07-30T10:00:00Z", labels=("bug", "router", "streaming"))
    lookalike = linear_issue("GW-2082", "Fallback: on_status_codes ignored for Bedrock targets",
                             "Bedrock targets never fail over on listed status codes.", "2028-08-02T10:00:00Z",
                             labels=("bug", "router"))
    # Tern's contract reviewer (pc-tern-review) tries claude-sonnet-4-5 first with a 15 s
    # request_timeout and falls back to gpt-4.1. Its web app streams (ttft in the logs, key
    # vk-tern-web); its batch integration does not (vk-tern-api). 09:30-12:30 UTC (10:30-13:30 in
    # London, summer time) Anthropic's Sonnet 4.5 is slow, as its incident says, and 25% of the
    # config's requests exceed the 15 s: the batch ones fail over to gpt-4.1 as configured, the
    # streamed ones come back 408 without a fallback, which the open Linear GW-2081 (filed ten days
    # earlier) describes. Plover's non-streamed fallback config fails over on the same timeouts.
    # The known bug is why the fallback did not trigger (the ticket's question); the Sonnet slowness
    # is why there were timeouts at all (a second cause). The fallback-logging deploy of 08:55, the
    # Bedrock bug and the Opus incident of the evening before are bystanders.
    web = stream(a["id"], provider="anthropic", model="claude-sonnet-4-5", per_minute=10, p50=6000, p95=12000,
                 prompt=12000, completion=900, config_id="pc-tern-review", key="vk-tern-web", sdk="portkey-node/1.13.0")
    web["streaming"] = {"first_token_share": 0.15}
    streams = [web,
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-5", per_minute=5, p50=6500, p95=12500,
                      prompt=14000, completion=1000, config_id="pc-tern-review", key="vk-tern-api",
                      sdk="portkey-python/1.13.2"),
               stream(a["id"], model="gpt-4.1-mini", per_minute=6, p50=700, p95=1700, config_id="pc-tern-intake",
                      key="vk-tern-web", sdk="portkey-node/1.13.0"),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-5", per_minute=9, p50=5000, p95=11000,
                      config_id="pc-plover-kyc"),
               stream(c["id"], model="gpt-4.1-mini", per_minute=7, p50=650, p95=1600, config_id="pc-dunlin-geo")]
    served = {"provider": "openai", "model": "gpt-4.1"}
    t0, t1 = at(D, "09:30"), at(D, "12:30")
    an = [dict(timeouts(t0, t1, {"config_id": "pc-tern-review", "api_key_id": "vk-tern-web"}, 0.25, 15000), status=408),
          timeouts(t0, t1, {"config_id": "pc-tern-review", "api_key_id": "vk-tern-api"}, 0.25, 15000, served),
          timeouts(t0, t1, {"config_id": "pc-plover-kyc"}, 0.25, 15000, served)]
    fb = [target("vk-tern-anthropic", "claude-sonnet-4-5", 15000, [429, 500, 502, 503, 529]),
          target("vk-tern-openai", "gpt-4.1", 30000)]
    cfg = [config("pc-tern-review", a["id"], "review", fb, mode="fallback", updated="2028-05-06T09:00:00Z"),
           one_target("pc-tern-intake", a, "intake", "vk-tern-openai", "gpt-4.1-mini", 20000),
           config("pc-plover-kyc", b["id"], "kyc", [target("vk-plover-anthropic", "claude-sonnet-4-5", 15000, [429, 503]),
                                                    target("vk-plover-openai", "gpt-4.1", 30000)], mode="fallback"),
           one_target("pc-dunlin-geo", c, "geo", "vk-dunlin-openai", "gpt-4.1-mini", 15000)]
    t = [ticket(20801, a, "fallback not kicking in on timeouts",
                "Hi,\n\nFrom about half ten this morning our contract reviewer has been showing users a 408 after 15 "
                "seconds instead of falling back to GPT-4.1. The config has request_timeout 15000 on the Claude "
                "target and fallback mode, we haven't touched it in months.\n\n"
                "  408 {\"error\":{\"code\":\"provider_timeout\"}} after 15001ms\n\n"
                "Odd thing: only the web app shows it. Our overnight batch integration uses the same config and its "
                "slow calls still quietly come back from GPT. Is fallback on timeouts broken?\n\nThanks,\n"
                "Oliver Grant\nTern Legal", at(D, "13:05"), "Oliver Grant", priority="high")]
    return scenario("", "fallback-streamed-timeout-known-bug-english",
                    "English ticket (London summer time) saying fallback stopped on timeouts: 09:30-12:30 UTC "
                    "Anthropic's Sonnet 4.5 is slow (its incident) and 25% of pc-tern-review's requests exceed the "
                    "15 s request_timeout; the non-streamed batch ones fail over to gpt-4.1, the streamed web ones "
                    "come back 408 without a fallback, as the open Linear GW-2081 filed ten days before describes "
                    "(known_bug, with the Sonnet slowness as a second cause). Another org's non-streamed fallback "
                    "fails over on the same timeouts. A fallback-logging deploy at 08:55, a Bedrock fallback bug "
                    "and an Opus incident the evening before are bystanders among 19 routine deploys.",
                    now, CO, [a, b, c], "2028-08-08T10:00:00Z", 20801, streams, an, t,
                    {20801: truth("fallback", "known_bug", ["linear:issue:GW-2081"],
                                  [f"github:deployment:{her}", opus, "linear:issue:GW-2082", "config:pc-tern-intake"],
                                  ["408"], [secondary("provider_outage", [sonnet])])},
                    github=gh, statuspage=sp, configs=cfg, linear=[bug, lookalike], docs=[DOC_FALLBACKS])


ALL = [api_errors_upload_limit_en, api_errors_own_gpu_502_es, latency_own_server_de, latency_slow_model_documented_ja,
       latency_sdk_flex_tier_es, routing_loadbalance_weights_pt, routing_gemini_no_fault_de,
       fallback_streamed_timeout_bug_en]

if __name__ == "__main__":
    write_all(ALL)
