#!/usr/bin/env python3
"""Eight library scenarios of API errors, latency, routing and fallbacks on the providers the rest
of the library hardly uses (Google Gemini, Groq, Mistral, Azure OpenAI, AWS Bedrock, a customer's
own vLLM server), written after the engine, in winter (January, February: Europe on standard time)
and summer (July, August: Europe on summer time, Mexico City on UTC-6 all year since 2022).

The tickets: a German one blaming Groq while Gemini fails, with a local "15 Uhr"; a French one
from a big org used to a 3% error rate; a Japanese one giving only "1時間ほど前から"; a Spanish
one in Mexico City time; an English one with a pasted Azure error body that says nothing changed;
a European Portuguese one that blames Anthropic for everything; two terse ones. The data: a big
org with a steady 3% background error rate and an office-hours cycle, 18-26 routine deploys, a
large router deploy that touched no failing file beside a small adapter deploy that did, status
incidents on the same provider's other model or product at the same minutes, several configs per
org where one fails, two causes at once.

Every truth below is read from the data declared next to it (anomalies, configs, deploys, issues,
incidents) and was written before any engine ran on these files. Run it to rewrite the JSON
files."""
from compose import *  # noqa: F401,F403
from scenarios_fresh import cycle

CO = {"name": "Relay AI", "github_repo": "relay-ai/gateway"}

# Status pages of the providers these scenarios use (Statuspage v2 shapes, like the others).
PAGES.setdefault("google", ("gq4k8m2n6p0r", "Google AI Studio and Gemini API", "https://aistudio.google.com/status",
                            ["Gemini API", "Google AI Studio", "Imagen API"]))
PAGES.setdefault("groq", ("gr7t3w9y1u5i", "Groq", "https://groqstatus.com",
                          ["GroqCloud API", "GroqCloud Console", "Speech-to-Text"]))
PAGES.setdefault("mistral", ("ms2d6f0h4j8k", "Mistral AI", "https://status.mistral.ai",
                             ["La Plateforme API", "Le Chat", "Fine-tuning"]))


def big_commit(gh, files):
    """Makes the last deploy's commit a large one (many files, many lines)."""
    gh.commits[-1]["files"] = [{"filename": f, "status": "modified", "additions": 180 + 37 * i,
                                "deletions": 60 + 11 * i} for i, f in enumerate(files)]


def api_errors_gemini_groq_guess_de():
    D, now = "2027-07-13", "2027-07-13T15:30:00Z"
    a = org("org_lindwurm", "Lindwurm Logistik", "lindwurm-logistik.de", "scale")
    b = org("org_nereid", "Nereid Maps", "nereidmaps.com", "growth")
    c = org("org_ostara", "Ostara Learning", "ostara.education", "scale")
    gh = github(CO, 18101, "2027-07-12T12:00:00Z", now, 21)
    her = gh.deploy(18140, at(D, "12:42"), "groq adapter: pass service_tier and reasoning_format",
                    ["src/providers/groq/request.ts", "src/providers/groq/request.test.ts"])
    sp = Statuspage(now)
    flash = sp.incident("google", "gf5l8a2s4h6j", "Elevated error rates for Gemini 2.5 Flash", at(D, "13:00"),
                        at(D, "14:20"), "We are seeing elevated 503 UNAVAILABLE errors for Gemini 2.5 Flash in the "
                        "Gemini API. Other models are not affected.", component="Gemini API")
    pro = sp.incident("google", "gp3r7o1t5y9u", "Increased latency for Gemini 2.5 Pro", at(D, "12:50"),
                      at(D, "14:00"), "Some requests to Gemini 2.5 Pro take longer than usual to complete.",
                      component="Gemini API", impact="minor")
    whisper = sp.incident("groq", "gw1h3i5s7p9e", "Degraded performance for Whisper Large v3", at(D, "06:00"),
                          at(D, "06:40"), "Speech-to-text requests are slower than usual.",
                          component="Speech-to-Text", impact="minor")
    lin = [linear_issue("GW-1810", "Groq: response_format json_schema rejected with 400",
                        "Requests to Groq models with response_format.type=json_schema are answered 400 "
                        "invalid_request; json_object works.", "2027-07-08T10:00:00Z", labels=("bug", "provider:groq"))]
    # Lindwurm routes deliveries with gemini-2.5-flash (pc-lindwurm-routen), classifies mail with
    # Groq's llama-3.3-70b-versatile and drafts answers with gpt-4o-mini. From 13:05 to 14:15 UTC
    # (15:05-16:15 CEST) Google answers 503 to 45% of gemini-2.5-flash requests, for every org
    # (Ostara's too), as its status page says. Groq traffic is fine: the ticket's guess is wrong.
    # Gemini 2.5 Pro (Nereid) is slower 12:50-14:00 during its own incident: another model.
    streams = [stream(a["id"], provider="google", model="gemini-2.5-flash", per_minute=14, p50=900, p95=2200,
                      config_id="pc-lindwurm-routen", key="vk-lindwurm-app", sdk="portkey-python/1.11.0"),
               stream(a["id"], provider="groq", model="llama-3.3-70b-versatile", per_minute=10, p50=350, p95=900,
                      config_id="pc-lindwurm-klassifikation", key="vk-lindwurm-app", sdk="portkey-python/1.11.0"),
               stream(a["id"], model="gpt-4o-mini", per_minute=6, p50=600, p95=1500, config_id="pc-lindwurm-mails",
                      key="vk-lindwurm-mail", sdk="portkey-node/1.10.0"),
               stream(b["id"], provider="google", model="gemini-2.5-pro", per_minute=6, p50=2500, p95=6000,
                      config_id="pc-nereid-geo"),
               stream(c["id"], provider="google", model="gemini-2.5-flash", per_minute=8, p50=900, p95=2200,
                      config_id="pc-ostara-tutor")]
    an = [errors(at(D, "13:05"), at(D, "14:15"), {"model": "gemini-2.5-flash"}, 0.45, 503, "provider_overloaded"),
          latency(at(D, "12:50"), at(D, "14:00"), {"model": "gemini-2.5-pro"}, 1.8)]
    cfg = [one_target("pc-lindwurm-routen", a, "routen", "vk-lindwurm-google", "gemini-2.5-flash", 30000),
           one_target("pc-lindwurm-klassifikation", a, "klassifikation", "vk-lindwurm-groq", "llama-3.3-70b-versatile",
                      15000),
           one_target("pc-lindwurm-mails", a, "mails", "vk-lindwurm-openai", "gpt-4o-mini", 30000),
           one_target("pc-nereid-geo", b, "geo", "vk-nereid-google", "gemini-2.5-pro", 60000),
           one_target("pc-ostara-tutor", c, "tutor", "vk-ostara-google", "gemini-2.5-flash", 30000)]
    t = [ticket(18101, a, "Groq-Anbindung seit heute Nachmittag kaputt?",
                "Hallo zusammen,\n\nseit kurz nach 15 Uhr schlägt bei uns ein großer Teil der Aufrufe fehl, unsere "
                "Tourenplanung steht praktisch. Im Worker-Log sieht das so aus:\n\n"
                "2027-07-13 15:21:07 ERROR dispatch-worker: gateway returned 503 (attempt 3/3), giving up\n"
                "2027-07-13 15:21:09 ERROR dispatch-worker: gateway returned 503 (attempt 3/3), giving up\n\n"
                "Euer Changelog sagt, dass ihr heute Mittag etwas an der Groq-Anbindung geändert habt. Ich "
                "vermute, das ist die Ursache – könnt ihr das zurückrollen? Groq selbst meldet keine Störung.\n\n"
                "Viele Grüße\nJonas Albrecht\nPlattform-Team, Lindwurm Logistik", at(D, "13:50"), "Jonas Albrecht",
                priority="high")]
    return scenario("", "api-errors-gemini-outage-groq-guess-german",
                    "German ticket with a local '15 Uhr' (CEST) that blames our Groq adapter deploy of 12:42: "
                    "Google answers 503 to 45% of gemini-2.5-flash requests 13:05-14:15 UTC for every org, during "
                    "its 'Gemini 2.5 Flash' incident; Lindwurm's Groq and gpt-4o-mini traffic is fine "
                    "(provider_outage). A Gemini 2.5 Pro latency incident at the same minutes (another model), a "
                    "Groq Whisper incident in the morning, a Groq json_schema bug and the Groq deploy are "
                    "bystanders among 21 routine deploys.",
                    now, CO, [a, b, c], "2027-07-12T12:00:00Z", 18101, streams, an, t,
                    {18101: truth("api-errors", "provider_outage", [flash],
                                  [pro, whisper, f"github:deployment:{her}", "linear:issue:GW-1810",
                                   "config:pc-lindwurm-klassifikation"], ["503", "gemini-2.5-flash", "13:05"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin)


def routing_azure_deploy_noisy_fr():
    D, now = "2027-01-26", "2027-01-26T11:40:00Z"
    a = org("org_heron", "Héron Assurances", "heron-assurances.fr", "enterprise")
    b = org("org_pollux", "Pollux Data", "polluxdata.io", "scale")
    c = org("org_ravel", "Ravel Studio", "ravel.studio", "growth")
    gh = github(CO, 18201, "2027-01-25T08:00:00Z", now, 24)
    real = gh.deploy(18240, at(D, "09:11"), "azure-openai: default api-version 2025-04-01-preview",
                     ["src/providers/azure-openai/request.ts", "src/providers/azure-openai/response.ts"],
                     author="yann", message="azure-openai: default api-version 2025-04-01-preview\n\nRolled out "
                     "progressively (canary 10% then 100% after ten minutes).")
    loud = gh.deploy(18241, at(D, "09:19"), "gateway: request pipeline v2, phase 2 (router, retries, semantic cache)",
                     ["src/router/pipeline.ts", "src/router/retry.ts", "src/router/targets.ts", "src/cache/semantic.ts",
                      "src/middleware/auth.ts", "src/middleware/logging.ts", "src/router/pipeline.test.ts"],
                     author="maud")
    big_commit(gh, [f["filename"] for f in gh.commits[-1]["files"]])
    sp = Statuspage(now)
    oai = sp.incident("openai", "o4e6r8r0o2r4", "Elevated error rates on GPT-4o", at(D, "09:15"), at(D, "10:05"),
                      "We are seeing elevated error rates for GPT-4o in the API.")
    lin = [linear_issue("GW-1820", "Azure OpenAI: content_filter_results missing from streamed chunks",
                        "Streamed Azure OpenAI responses arrive without content_filter_results; non-streamed are "
                        "fine.", "2027-01-19T10:00:00Z", labels=("bug", "provider:azure-openai"))]
    # Héron is a big org with a steady 3% error rate on every stream and an office-hours cycle.
    # From 09:24 UTC (10:24 Paris) a third of every org's Azure OpenAI chat requests (Héron's
    # claims tool, Pollux's ETL) fail 502 invalid_provider_response: deploy #18240 changed the
    # Azure adapter's request and response handling (canary at 09:11, full after ten minutes).
    # Azure embeddings (another route) are fine. The larger pipeline deploy #18241 at 09:19
    # touched no provider file and the other providers' traffic is unchanged. The OpenAI GPT-4o
    # incident is real (Ravel's direct OpenAI traffic sees 500s) but Azure OpenAI is not OpenAI.
    noisy = 0.03
    streams = [cycle(stream(a["id"], provider="azure-openai", model="gpt-4o", per_minute=18, p50=1100, p95=2600,
                            error_rate=noisy, config_id="pc-heron-sinistres", key="vk-heron-sinistres",
                            sdk="portkey-node/1.10.0"), 7, 18, 0.3),
               cycle(stream(a["id"], provider="google", model="gemini-2.5-flash", per_minute=12, p50=900, p95=2200,
                            error_rate=noisy, config_id="pc-heron-courriers", key="vk-heron-courriers",
                            sdk="portkey-node/1.10.0"), 7, 18, 0.3),
               cycle(stream(a["id"], route="/v1/embeddings", provider="azure-openai", model="text-embedding-3-large",
                            per_minute=10, p50=120, p95=300, error_rate=noisy, prompt=500, completion=0,
                            config_id="pc-heron-recherche", key="vk-heron-recherche", sdk="portkey-python/1.11.0"),
                     7, 18, 0.3),
               stream(a["id"], provider="mistral-ai", model="mistral-large-latest", per_minute=6, p50=1500, p95=3600,
                      error_rate=noisy, config_id="pc-heron-resumes", key="vk-heron-courriers",
                      sdk="portkey-node/1.10.0"),
               stream(b["id"], provider="azure-openai", model="gpt-4o-mini", per_minute=8, p50=600, p95=1500,
                      config_id="pc-pollux-etl"),
               stream(c["id"], per_minute=6, config_id="pc-ravel-scripts")]
    an = [errors(at(D, "09:24"), None, {"provider": "azure-openai", "route": "/v1/chat/completions"}, 0.33, 502,
                 "invalid_provider_response"),
          errors(at(D, "09:15"), at(D, "10:05"), {"provider": "openai", "model": "gpt-4o"}, 0.25, 500, "provider_error")]
    cfg = [one_target("pc-heron-sinistres", a, "sinistres", "vk-heron-azure", "gpt-4o", 30000),
           one_target("pc-heron-courriers", a, "courriers", "vk-heron-google", "gemini-2.5-flash", 30000),
           one_target("pc-heron-recherche", a, "recherche", "vk-heron-azure", "text-embedding-3-large", 10000),
           one_target("pc-heron-resumes", a, "resumes", "vk-heron-mistral", "mistral-large-latest", 30000),
           one_target("pc-pollux-etl", b, "etl", "vk-pollux-azure", "gpt-4o-mini", 20000),
           one_target("pc-ravel-scripts", c, "scripts", "vk-ravel-openai", "gpt-4o", 30000)]
    t = [ticket(18201, a, "Erreurs 502 en hausse – outil sinistres",
                "Bonjour,\n\nNous avons toujours quelques erreurs chez vous (3 % environ, on a l'habitude), mais "
                "depuis ce matin vers 10h25, heure de Paris, notre outil de gestion des sinistres en reçoit "
                "beaucoup plus, presque toutes en 502. Les courriers (Gemini) et les résumés (Mistral) ont l'air "
                "normaux.\n\nOpenAI affiche un incident sur GPT-4o en ce moment : est-ce lié ? Nous passons par "
                "Azure, mais c'est le même modèle.\n\nMerci de votre retour rapide,\n\nNathalie Garnier\n"
                "Responsable technique – Héron Assurances", at(D, "10:55"), "Nathalie Garnier", priority="high")]
    return scenario("", "provider-routing-azure-adapter-deploy-noisy-french",
                    "French ticket (Paris time, winter) from a big org with a steady 3% error rate and an office-"
                    "hours cycle: from 09:24 UTC a third of every org's Azure OpenAI chat requests fail 502 "
                    "invalid_provider_response after deploy #18240 changed the Azure adapter (canary 09:11) "
                    "(deploy_regression). A larger pipeline deploy at 09:19 that touched no provider file, an "
                    "OpenAI GPT-4o incident the customer asks about (Azure is another provider), an Azure streaming "
                    "bug and Azure embeddings that still work are bystanders among 24 routine deploys.",
                    now, CO, [a, b, c], "2027-01-25T08:00:00Z", 18201, streams, an, t,
                    {18201: truth("provider-routing", "deploy_regression", [f"github:deployment:{real}"],
                                  [f"github:deployment:{loud}", oai, "linear:issue:GW-1820",
                                   "config:pc-heron-recherche", "config:pc-heron-courriers"], ["502", "09:24"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin)


def latency_groq_and_limit_ja():
    D, now = "2027-08-17", "2027-08-17T07:30:00Z"
    a = org("org_suzuran", "Suzuran Kikaku", "suzuran-kikaku.co.jp", "scale")
    b = org("org_tamarind", "Tamarind Pay", "tamarindpay.sg", "enterprise")
    c = org("org_umber", "Umber Labs", "umberlabs.ai", "growth")
    gh = github(CO, 18301, "2027-08-16T08:00:00Z", now, 20)
    her = gh.deploy(18340, at(D, "05:28"), "http: one connection pool per provider",
                    ["src/http/pool.ts", "src/http/pool.test.ts"])
    sp = Statuspage(now)
    groq = sp.incident("groq", "gl7a3t5e9n1c", "Increased latency for Llama 3.3 70B", at(D, "05:35"), None,
                       "Requests to llama-3.3-70b-versatile are experiencing elevated response times. We are "
                       "investigating.", component="GroqCloud API")
    lin = [linear_issue("GW-1830", "Groq adapter: usage missing from the last streamed chunk",
                        "Streamed Groq responses end without the usage chunk, so token counts are estimated.",
                        "2027-08-10T10:00:00Z", labels=("bug", "provider:groq"))]
    # Two things at once for Suzuran. (1) From 05:40 UTC (14:40 JST) Groq's llama-3.3-70b-versatile
    # answers 3x slower for every org (Tamarind's risk scoring too), as Groq's ongoing incident
    # says: Suzuran's chatbot (pc-suzuran-chat) is slow. (2) From 05:50 UTC Suzuran's translation
    # batch (pc-suzuran-batch) sends 5x its traffic on gemini-2.5-flash; the org passes its
    # gemini-2.5-flash token limit and 40% of the org's requests to that model, its FAQ bot's too,
    # are refused 429 rate_limited. Tamarind's llama-3.1-8b-instant and gateway time are unchanged;
    # the connection-pool deploy of 05:28 changes no latency.
    streams = [stream(a["id"], provider="groq", model="llama-3.3-70b-versatile", per_minute=16, p50=300, p95=800,
                      config_id="pc-suzuran-chat", key="vk-suzuran-app", sdk="portkey-node/1.10.0"),
               stream(a["id"], provider="google", model="gemini-2.5-flash", per_minute=5, p50=1600, p95=3600,
                      prompt=8000, completion=700, config_id="pc-suzuran-batch", key="vk-suzuran-batch",
                      sdk="portkey-python/1.11.0"),
               stream(a["id"], provider="google", model="gemini-2.5-flash", per_minute=6, p50=800, p95=1900,
                      config_id="pc-suzuran-faq", key="vk-suzuran-app", sdk="portkey-node/1.10.0"),
               stream(b["id"], provider="groq", model="llama-3.3-70b-versatile", per_minute=10, p50=300, p95=800,
                      config_id="pc-tamarind-risk"),
               stream(b["id"], provider="groq", model="llama-3.1-8b-instant", per_minute=8, p50=150, p95=400,
                      config_id="pc-tamarind-tags"),
               stream(c["id"], model="gpt-4o-mini", per_minute=6, p50=600, p95=1500, config_id="pc-umber-notes")]
    an = [latency(at(D, "05:40"), None, {"model": "llama-3.3-70b-versatile"}, 3.0),
          volume(at(D, "05:50"), None, {"config_id": "pc-suzuran-batch"}, 5.0),
          rate_limited(at(D, "05:50"), None, {"org": a["id"], "model": "gemini-2.5-flash"}, 0.4)]
    cfg = [one_target("pc-suzuran-chat", a, "chat", "vk-suzuran-groq", "llama-3.3-70b-versatile", 15000),
           one_target("pc-suzuran-batch", a, "batch", "vk-suzuran-google", "gemini-2.5-flash", 60000),
           one_target("pc-suzuran-faq", a, "faq", "vk-suzuran-google", "gemini-2.5-flash", 20000),
           one_target("pc-tamarind-risk", b, "risk", "vk-tamarind-groq", "llama-3.3-70b-versatile", 15000),
           one_target("pc-tamarind-tags", b, "tags", "vk-tamarind-groq", "llama-3.1-8b-instant", 10000),
           one_target("pc-umber-notes", c, "notes", "vk-umber-openai", "gpt-4o-mini", 20000)]
    t = [ticket(18301, a, "チャットボットの応答遅延について",
                "いつもお世話になっております。鈴蘭企画の高橋です。\n\n1時間ほど前から、弊社のチャットボットの応答が"
                "非常に遅くなっております（普段は1秒以内のところ、現在は数秒かかります）。また、FAQ ボットの方では"
                "時々 429 エラーが返ってきます。\n\n本日、御社で接続まわりの変更があったと伺いました。その影響で"
                "しょうか。お手数ですが、ご確認のほどよろしくお願いいたします。\n\n高橋 美咲\n株式会社鈴蘭企画 "
                "開発部", at(D, "06:45"), "Misaki Takahashi", priority="high")]
    return scenario("", "latency-spike-groq-and-own-limit-japanese",
                    "Japanese ticket giving only '1時間ほど前から' (created 06:45 UTC) about a slow chatbot and "
                    "some 429s: from 05:40 UTC Groq's llama-3.3-70b-versatile is 3x slower for every org during "
                    "Groq's ongoing incident (provider_outage), and from 05:50 Suzuran's own translation batch "
                    "(pc-suzuran-batch, 5x) pushes the org over its gemini-2.5-flash limit, 40% refused 429 "
                    "(rate_limited, second cause). A connection-pool deploy at 05:28 (the customer's guess) and a "
                    "Groq streaming-usage bug are bystanders among 20 routine deploys.",
                    now, CO, [a, b, c], "2027-08-16T08:00:00Z", 18301, streams, an, t,
                    {18301: truth("latency-spike", "provider_outage", [groq],
                                  [f"github:deployment:{her}", "linear:issue:GW-1830", "config:pc-tamarind-tags"],
                                  ["05:40", "llama-3.3-70b-versatile", "429"],
                                  secondary=[secondary("rate_limited", ["config:pc-suzuran-batch"])])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin)


def latency_no_fault_cdmx_es():
    D, now = "2027-07-21", "2027-07-21T19:00:00Z"
    a = org("org_xoco", "Xoco Fintech", "xocofintech.mx", "scale")
    b = org("org_yerba", "Yerba Health", "yerbahealth.com", "enterprise")
    c = org("org_zinnia", "Zinnia Books", "zinniabooks.co", "growth")
    gh = github(CO, 18401, "2027-07-20T14:00:00Z", now, 18)
    her = gh.deploy(18440, at(D, "16:58"), "mistral adapter: forward safe_prompt and random_seed",
                    ["src/providers/mistral/request.ts", "src/providers/mistral/request.test.ts"])
    sp = Statuspage(now)
    large = sp.incident("mistral", "ml6a8r0g2e4x", "Degraded performance on Mistral Large", at(D, "16:45"),
                        at(D, "18:15"), "Requests to Mistral Large are slower than usual. Other models are not "
                        "affected.", component="La Plateforme API", impact="minor")
    lin = [linear_issue("GW-1840", "Mistral: streamed responses end without the usage chunk",
                        "Token counts of streamed Mistral responses are estimated.", "2027-07-14T10:00:00Z",
                        labels=("bug", "provider:mistral-ai"))]
    # Xoco's support assistant runs mistral-small-latest (pc-xoco-soporte) and its KYC checks
    # gemini-2.5-flash. Nothing changes for Xoco: provider time, gateway time and errors of both
    # are as flat at 17:00 UTC (11:00 in Mexico City, UTC-6 all year) as the day before. Yerba's
    # mistral-large-latest is 2x slower 16:50-18:10 during Mistral's incident on that model; the
    # Mistral adapter deploy of 16:58 changes nobody's latency.
    streams = [stream(a["id"], provider="mistral-ai", model="mistral-small-latest", per_minute=12, p50=700, p95=1900,
                      config_id="pc-xoco-soporte", key="vk-xoco-app", sdk="portkey-node/1.10.0"),
               stream(a["id"], provider="google", model="gemini-2.5-flash", per_minute=8, p50=900, p95=2200,
                      config_id="pc-xoco-kyc", key="vk-xoco-kyc", sdk="portkey-python/1.11.0"),
               stream(b["id"], provider="mistral-ai", model="mistral-large-latest", per_minute=8, p50=1500, p95=3800,
                      config_id="pc-yerba-notas"),
               stream(c["id"], model="gpt-4o-mini", per_minute=6, p50=600, p95=1500, config_id="pc-zinnia-blurbs")]
    an = [latency(at(D, "16:50"), at(D, "18:10"), {"model": "mistral-large-latest"}, 2.0)]
    cfg = [one_target("pc-xoco-soporte", a, "soporte", "vk-xoco-mistral", "mistral-small-latest", 20000),
           one_target("pc-xoco-kyc", a, "kyc", "vk-xoco-google", "gemini-2.5-flash", 30000),
           one_target("pc-yerba-notas", b, "notas", "vk-yerba-mistral", "mistral-large-latest", 60000),
           one_target("pc-zinnia-blurbs", c, "blurbs", "vk-zinnia-openai", "gpt-4o-mini", 20000)]
    t = [ticket(18401, a, "Latencia altísima desde las 11",
                "Hola,\n\ndesde las 11:00 (hora de la Ciudad de México) nuestro asistente de soporte se siente "
                "lentísimo. En nuestro APM el p95 de las llamadas a su API pasó de ~2 s a más de 6 s. Vimos en su "
                "página de estado que Mistral tiene problemas y que ustedes cambiaron algo en la integración con "
                "Mistral hoy, ¿nos pueden confirmar qué pasó y cuándo se arregla?\n\nSaludos,\nDiego Ramírez\n"
                "SRE · Xoco Fintech", at(D, "18:30"), "Diego Ramírez", priority="high")]
    return scenario("", "latency-spike-no-fault-mexico-city-spanish",
                    "Spanish ticket in Mexico City time (UTC-6 in July, no summer time) about a p95 the customer's "
                    "APM measures: Xoco's mistral-small-latest and gemini-2.5-flash latency, gateway time and "
                    "errors are flat at 17:00 UTC and all day (no_fault_found). A Mistral Large incident at the "
                    "same minutes (another model, Yerba's), our Mistral adapter deploy at 16:58 and a Mistral "
                    "streaming-usage bug are bystanders among 18 routine deploys.",
                    now, CO, [a, b, c], "2027-07-20T14:00:00Z", 18401, streams, an, t,
                    {18401: truth("latency-spike", "no_fault_found", [],
                                  [large, f"github:deployment:{her}", "linear:issue:GW-1840"], ["p95"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin)


def routing_azure_config_edit_en():
    D, now = "2027-02-09", "2027-02-09T16:00:00Z"
    a = org("org_brightwell", "Brightwell Legal", "brightwell.law", "enterprise")
    b = org("org_cobalt", "Cobalt Freight", "cobaltfreight.com", "scale")
    c = org("org_dune", "Dune Audio", "duneaudio.fm", "growth")
    gh = github(CO, 18501, "2027-02-08T14:00:00Z", now, 19)
    her = gh.deploy(18540, at(D, "13:40"), "azure-openai adapter: honour retry-after-ms on 429",
                    ["src/providers/azure-openai/retry.ts", "src/providers/azure-openai/retry.test.ts"])
    lin = [linear_issue("GW-1850", "Azure OpenAI: embeddings with the dimensions parameter fail 400",
                        "text-embedding-3 requests that set `dimensions` are answered 400 by the Azure adapter.",
                        "2027-02-02T10:00:00Z", labels=("bug", "provider:azure-openai"))]
    # Brightwell has four configs. At 13:52 UTC someone at Brightwell edited pc-brightwell-review
    # (last_updated_at); from 13:55 every request through it is answered 404 model_not_found (the
    # Azure resource its virtual key now points at has no deployment of that name). Its other
    # Azure config (pc-brightwell-drafting), its Gemini and Mistral configs, and Cobalt's Azure
    # gpt-4.1 traffic are fine before and after the Azure retry deploy of 13:40.
    streams = [stream(a["id"], provider="azure-openai", model="gpt-4o", per_minute=12, p50=1100, p95=2600,
                      config_id="pc-brightwell-drafting", key="vk-brightwell-app", sdk="portkey-python/1.11.0"),
               stream(a["id"], provider="azure-openai", model="gpt-4.1", per_minute=8, p50=1500, p95=3400,
                      prompt=4000, completion=500, config_id="pc-brightwell-review", key="vk-brightwell-app",
                      sdk="portkey-python/1.11.0"),
               stream(a["id"], provider="google", model="gemini-2.5-flash", per_minute=10, p50=900, p95=2200,
                      config_id="pc-brightwell-search", key="vk-brightwell-app", sdk="portkey-python/1.11.0"),
               stream(a["id"], provider="mistral-ai", model="mistral-medium-latest", per_minute=6, p50=1000, p95=2500,
                      config_id="pc-brightwell-summaries", key="vk-brightwell-batch", sdk="portkey-python/1.11.0"),
               stream(b["id"], provider="azure-openai", model="gpt-4.1", per_minute=10, p50=1400, p95=3200,
                      config_id="pc-cobalt-dispatch"),
               stream(c["id"], model="gpt-4o-mini", per_minute=6, p50=600, p95=1500, config_id="pc-dune-lyrics")]
    an = [errors(at(D, "13:55"), None, {"config_id": "pc-brightwell-review"}, 1.0, 404, "model_not_found")]
    cfg = [one_target("pc-brightwell-drafting", a, "drafting", "vk-brightwell-azure-eastus", "gpt-4o", 30000),
           config("pc-brightwell-review", a["id"], "review",
                  [target("vk-brightwell-azure-swedencentral", "gpt-4.1", 45000)], updated=at(D, "13:52")),
           one_target("pc-brightwell-search", a, "search", "vk-brightwell-google", "gemini-2.5-flash", 30000),
           one_target("pc-brightwell-summaries", a, "summaries", "vk-brightwell-mistral", "mistral-medium-latest",
                      30000),
           one_target("pc-cobalt-dispatch", b, "dispatch", "vk-cobalt-azure", "gpt-4.1", 30000),
           one_target("pc-dune-lyrics", c, "lyrics", "vk-dune-openai", "gpt-4o-mini", 20000)]
    t = [ticket(18501, a, "Azure 404s on review pipeline - Gemini and Mistral fine",
                "Hi,\n\nour contract review pipeline started failing this afternoon, every single call. Gemini and "
                "Mistral calls from the same service work, and our drafting app (also Azure) is fine too, which "
                "is what confuses us. The body we get back:\n\n"
                "{\"error\": {\"code\": \"model_not_found\", \"message\": \"DeploymentNotFound: no deployment "
                "named gpt-4.1 on this resource. A new deployment can take up to 5 minutes to appear.\", "
                "\"status\": 404}}\n\n"
                "We haven't deployed anything on our side today. Did you change something in the Azure "
                "integration?\n\nThanks,\nPriya Natarajan\nEngineering Manager, Brightwell Legal", at(D, "14:40"),
                "Priya Natarajan", priority="high")]
    return scenario("", "provider-routing-azure-config-edit-several-configs",
                    "English ticket with a pasted Azure 404 body ('we haven't deployed anything'): Brightwell edited "
                    "pc-brightwell-review at 13:52 UTC and from 13:55 every request through it is answered 404 "
                    "model_not_found; its other Azure config, its Gemini and Mistral configs and Cobalt's Azure "
                    "gpt-4.1 are fine (customer_config). An Azure retry deploy at 13:40 and an Azure embeddings bug "
                    "are bystanders among 19 routine deploys.",
                    now, CO, [a, b, c], "2027-02-08T14:00:00Z", 18501, streams, an, t,
                    {18501: truth("provider-routing", "customer_config", ["config:pc-brightwell-review"],
                                  [f"github:deployment:{her}", "linear:issue:GW-1850", "config:pc-brightwell-drafting",
                                   "config:pc-brightwell-search", "config:pc-brightwell-summaries"],
                                  ["404", "pc-brightwell-review"])},
                    github=gh, configs=cfg, linear=lin)


BEDROCK_SONNET = "anthropic.claude-sonnet-4-20250514-v1:0"


def api_errors_bedrock_bug_and_outage_pt():
    D, now = "2027-08-04", "2027-08-04T17:00:00Z"
    a = org("org_alfama", "Alfama Seguros", "alfamaseguros.pt", "enterprise")
    b = org("org_brisa", "Brisa Energia", "brisaenergia.pt", "scale")
    c = org("org_cedro", "Cedro Apps", "cedroapps.com", "growth")
    gh = github(CO, 18601, "2027-08-03T14:00:00Z", now, 22)
    her = gh.deploy(18640, at(D, "12:05"), "bedrock: cost table for cross-region inference profiles",
                    ["src/providers/bedrock/pricing.ts", "src/providers/bedrock/pricing.test.ts"])
    sp = Statuspage(now)
    sonnet = sp.incident("anthropic", "as5o7n9n1e3t", "Elevated errors on Claude Sonnet 4.6", at(D, "15:10"),
                         at(D, "15:55"), "We are seeing elevated overloaded (529) errors for claude-sonnet-4-6 on "
                         "the Claude API.")
    app = sp.incident("anthropic", "ac2l4a6u8d0e", "claude.ai unavailable for some users", at(D, "15:00"),
                      at(D, "16:05"), "Some users cannot load conversations on claude.ai.", component="claude.ai")
    lin = [linear_issue("GW-1860", "Bedrock adapter: tool_result blocks sent in an assistant turn (ValidationException)",
                        "When a conversation returns tool results, the Bedrock adapter puts the toolResult block in "
                        "an assistant message; Bedrock answers 400 ValidationException and we return "
                        "invalid_request. Requests without tools are not affected. Seen on Claude models through "
                        "Bedrock's Converse API.", "2027-08-02T09:30:00Z", labels=("bug", "provider:bedrock")),
           linear_issue("GW-1862", "Anthropic adapter: cache_control dropped on tool definitions",
                        "cache_control on tools is not forwarded to Anthropic.", "2027-07-29T10:00:00Z",
                        labels=("bug", "provider:anthropic"))]
    # Alfama launched its claims agent with tools on Bedrock (pc-alfama-agente) at 13:30 UTC
    # (14:30 Lisbon, as the ticket says); from then on 35% of its requests are answered 400
    # invalid_request, the open bug GW-1860 filed two days before (Cedro's Bedrock agent has had
    # the same 400s all along, Brisa's Bedrock summaries without tools never). Separately, 15:10-
    # 15:55 UTC Anthropic overloads claude-sonnet-4-6: 35% of Alfama's direct Claude summaries
    # (pc-alfama-resumos) get 529, as Anthropic's incident says. The Bedrock pricing deploy of 12:05
    # changes no request; claude.ai is another product.
    streams = [stream(a["id"], provider="bedrock", model=BEDROCK_SONNET, per_minute=14, p50=2200, p95=5200,
                      config_id="pc-alfama-agente", key="vk-alfama-agente", sdk="portkey-python/1.11.0"),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=8, p50=1400, p95=3200,
                      config_id="pc-alfama-resumos", key="vk-alfama-resumos", sdk="portkey-python/1.11.0"),
               stream(a["id"], provider="google", model="gemini-2.5-flash", per_minute=6, p50=900, p95=2200,
                      config_id="pc-alfama-triagem", key="vk-alfama-resumos", sdk="portkey-python/1.11.0"),
               stream(b["id"], provider="bedrock", model=BEDROCK_SONNET, per_minute=10, p50=1800, p95=4200,
                      config_id="pc-brisa-faturas"),
               stream(c["id"], provider="bedrock", model=BEDROCK_SONNET, per_minute=6, p50=2200, p95=5200,
                      config_id="pc-cedro-agent")]
    an = [errors("2027-08-03T14:00:00Z", None, {"config_id": "pc-cedro-agent"}, 0.35, 400, "invalid_request"),
          errors(at(D, "13:30"), None, {"config_id": "pc-alfama-agente"}, 0.35, 400, "invalid_request"),
          errors(at(D, "15:10"), at(D, "15:55"), {"provider": "anthropic", "model": "claude-sonnet-4-6"}, 0.35, 529,
                 "provider_overloaded")]
    cfg = [one_target("pc-alfama-agente", a, "agente", "vk-alfama-bedrock", BEDROCK_SONNET, 60000),
           one_target("pc-alfama-resumos", a, "resumos", "vk-alfama-anthropic", "claude-sonnet-4-6", 30000),
           one_target("pc-alfama-triagem", a, "triagem", "vk-alfama-google", "gemini-2.5-flash", 30000),
           one_target("pc-brisa-faturas", b, "faturas", "vk-brisa-bedrock", BEDROCK_SONNET, 30000),
           one_target("pc-cedro-agent", c, "agent", "vk-cedro-bedrock", BEDROCK_SONNET, 60000)]
    t = [ticket(18601, a, "Erros com o Claude – Anthropic em baixo?",
                "Boa tarde,\n\nLançámos hoje, às 14h30 (hora de Lisboa), a nova versão do nosso agente de sinistros "
                "com ferramentas, que usa o Claude através do Bedrock. Desde então uma boa parte dos pedidos falha "
                "com 400:\n\n"
                "{\"error\": {\"message\": \"ValidationException: A conversation must alternate between user and "
                "assistant roles.\", \"type\": \"invalid_request\"}}\n\n"
                "E há bocado os resumos (Claude direto) também começaram a dar erro 529. Vimos que a Anthropic tem "
                "incidentes na página de estado, por isso presumimos que seja tudo do lado deles. Conseguem "
                "confirmar? Quando é que fica resolvido?\n\nCumprimentos,\nInês Carvalho\nArquitetura de Sistemas"
                " · Alfama Seguros", at(D, "16:10"), "Inês Carvalho", priority="high")]
    return scenario("", "api-errors-bedrock-known-bug-and-outage-portuguese",
                    "European Portuguese ticket (Lisbon summer time) blaming Anthropic for everything: from 13:30 "
                    "UTC, when Alfama launched its tool-using agent on Bedrock, 35% of pc-alfama-agente requests "
                    "are answered 400 invalid_request, the open bug GW-1860 in the Bedrock adapter filed two days "
                    "before (Cedro's Bedrock agent has had it all along) (known_bug); separately Anthropic overloads "
                    "claude-sonnet-4-6 15:10-15:55 and Alfama's direct Claude summaries get 529 (provider_outage, "
                    "second cause). A Bedrock pricing deploy, a claude.ai incident and an Anthropic adapter bug are "
                    "bystanders among 22 routine deploys.",
                    now, CO, [a, b, c], "2027-08-03T14:00:00Z", 18601, streams, an, t,
                    {18601: truth("api-errors", "known_bug", ["linear:issue:GW-1860"],
                                  [f"github:deployment:{her}", app, "linear:issue:GW-1862", "config:pc-alfama-triagem",
                                   "config:pc-brisa-faturas"], ["400", "529"],
                                  secondary=[secondary("provider_outage", [sonnet])])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin)


DOC_SELF_HOSTED = doc("docs/routing/self-hosted-targets.md", "Self-hosted targets",
                      "# Self-hosted targets\n\nA target with `custom_host` sends requests to your own server (vLLM, "
                      "TGI, Ollama) in the OpenAI format; the request logs show provider `openai` and the model your "
                      "server serves. When your server answers 5xx or times out, a fallback config moves the request "
                      "to its next target: `fallback_used` is set and the next target's provider and model are "
                      "logged. Errors of your server are not errors of the hosted providers.\n")


def fallback_own_server_en():
    D, now = "2027-07-28", "2027-07-28T12:00:00Z"
    a = org("org_kelp", "Kelp Robotics", "kelprobotics.io", "scale")
    b = org("org_loam", "Loam Agritech", "loamagri.com", "growth")
    c = org("org_mire", "Mire Security", "miresec.com", "enterprise")
    gh = github(CO, 18701, "2027-07-27T10:00:00Z", now, 20)
    her = gh.deploy(18740, at(D, "08:05"), "router: say why a request fell back (x-portkey-fallback-reason)",
                    ["src/router/fallback.ts", "src/router/headers.ts"])
    sp = Statuspage(now)
    lechat = sp.incident("mistral", "lc9h1a3t5o7n", "Le Chat: slow responses and failed uploads", at(D, "08:00"),
                         at(D, "09:10"), "Some Le Chat users see slow answers and failed file uploads.",
                         component="Le Chat", impact="minor")
    lin = [linear_issue("GW-1870", "Fallback: streamed requests that fail mid-stream are not retried",
                        "If a target fails after the first chunk, the next target is not tried.",
                        "2027-07-20T10:00:00Z", labels=("bug", "router"))]
    # Kelp's copilot config pc-kelp-copilot tries Kelp's own vLLM server first (custom_host
    # inference.kelprobotics.io serving mistral-small-3.1-24b-instruct) and falls back to Mistral's
    # hosted mistral-small-latest on 5xx. From 08:20 UTC (09:20 in London) 85% of the requests to
    # Kelp's server fail 502 and are served by the fallback, as configured. Mistral's API is fine
    # (Loam's and Mire's traffic, and the fallbacks themselves, succeed); the Mistral incident is
    # about Le Chat. The router deploy of 08:05 only adds a header. The logs keep only what the
    # customer got (200 from the fallback, fallback_used, two attempts), not the 502 itself.
    host = "https://inference.kelprobotics.io/v1"
    streams = [stream(a["id"], model="mistral-small-3.1-24b-instruct", per_minute=14, p50=700, p95=1800,
                      config_id="pc-kelp-copilot", key="vk-kelp-copilot", sdk="portkey-python/1.11.0"),
               stream(a["id"], provider="google", model="gemini-2.5-flash", per_minute=6, p50=900, p95=2200,
                      config_id="pc-kelp-vision", key="vk-kelp-vision", sdk="portkey-python/1.11.0"),
               stream(b["id"], provider="mistral-ai", model="mistral-small-latest", per_minute=8, p50=600, p95=1500,
                      config_id="pc-loam-agronomist"),
               stream(c["id"], provider="mistral-ai", model="mistral-large-latest", per_minute=6, p50=1500, p95=3600,
                      config_id="pc-mire-triage")]
    an = [errors(at(D, "08:20"), None, {"config_id": "pc-kelp-copilot"}, 0.85, 502, "provider_unavailable",
                 {"provider": "mistral-ai", "model": "mistral-small-latest"})]
    own = {"provider": "openai", "custom_host": host, "override_params": {"model": "mistral-small-3.1-24b-instruct"},
           "request_timeout": 15000, "retry": {"attempts": 1, "on_status_codes": [429, 500, 502, 503, 504]}}
    cfg = [config("pc-kelp-copilot", a["id"], "copilot",
                  [own, target("vk-kelp-mistral", "mistral-small-latest", 20000)], mode="fallback",
                  updated="2027-05-19T10:00:00Z"),
           one_target("pc-kelp-vision", a, "vision", "vk-kelp-google", "gemini-2.5-flash", 30000),
           one_target("pc-loam-agronomist", b, "agronomist", "vk-loam-mistral", "mistral-small-latest", 20000),
           one_target("pc-mire-triage", c, "triage", "vk-mire-mistral", "mistral-large-latest", 30000)]
    t = [ticket(18701, a, "fallback firing constantly",
                "since ~9:20 BST nearly every copilot request shows fallback_used=true in your logs and our Mistral "
                "spend is climbing. is Mistral having problems? their status page shows something. also saw you "
                "shipped a fallback change this morning.\n\n-- Sam (Kelp infra)", at(D, "10:05"), "Sam Okafor")]
    return scenario("", "fallback-own-server-fails-mistral-guess",
                    "A terse English ticket in London summer time asking whether Mistral is down: from 08:20 UTC "
                    "Kelp's own vLLM server (custom_host inference.kelprobotics.io, first target of pc-kelp-copilot) "
                    "answers 502 to 85% of requests, which fail over to Mistral's hosted model as configured "
                    "(customer_endpoint). A Mistral Le Chat incident at the same minutes, our fallback-header "
                    "deploy at 08:05 and a mid-stream fallback bug are bystanders among 20 routine deploys.",
                    now, CO, [a, b, c], "2027-07-27T10:00:00Z", 18701, streams, an, t,
                    {18701: truth("fallback", "customer_endpoint", ["config:pc-kelp-copilot"],
                                  [f"github:deployment:{her}", lechat, "linear:issue:GW-1870", "config:pc-kelp-vision"],
                                  ["08:20", "inference.kelprobotics.io"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_SELF_HOSTED, DOC_FALLBACKS])


def fallback_timeout_below_model_es():
    D, now = "2027-01-14", "2027-01-14T20:00:00Z"
    a = org("org_ombu", "Ombú Turismo", "ombuturismo.com.ar", "scale")
    b = org("org_ceibo", "Ceibo Labs", "ceibolabs.io", "growth")
    c = org("org_delta", "Delta Medios", "deltamedios.com", "enterprise")
    gh = github(CO, 18801, "2027-01-13T18:00:00Z", now, 26)
    her = gh.deploy(18840, at(D, "17:10"), "google adapter: thinking budget defaults for Gemini 2.5",
                    ["src/providers/google/request.ts", "src/providers/google/thinking.ts"])
    sp = Statuspage(now)
    lite = sp.incident("google", "gl2i4t6e8f0l", "Increased latency for Gemini 2.5 Flash-Lite", at(D, "17:20"),
                       at(D, "18:30"), "Requests to Gemini 2.5 Flash-Lite take longer than usual.",
                       component="Gemini API", impact="minor")
    lin = [linear_issue("GW-1880", "Fallback targets ignore their own request_timeout when nested",
                        "A nested loadbalance inside a fallback uses the parent's timeout.", "2027-01-07T10:00:00Z",
                        labels=("bug", "router"))]
    # Ombú's booking assistant pc-ombu-reservas tries gemini-2.5-pro first, then gemini-2.5-flash.
    # Gemini 2.5 Pro takes 4 s at the median and 9 s at p95 for these prompts. At 17:32 UTC (14:32
    # in Buenos Aires) Ombú saved the config with request_timeout 4000 on the Pro target; from
    # 17:34 half of its requests exceed it and are served by gemini-2.5-flash. Pro itself is no
    # slower (Ombú's pc-ombu-resenas and Delta's Pro traffic keep their latency); the Google
    # incident is about Flash-Lite and the Google adapter deploy of 17:10 changes nothing here.
    streams = [stream(a["id"], provider="google", model="gemini-2.5-pro", per_minute=12, p50=4000, p95=9000,
                      config_id="pc-ombu-reservas", key="vk-ombu-app", sdk="portkey-node/1.10.0"),
               stream(a["id"], provider="google", model="gemini-2.5-pro", per_minute=4, p50=4200, p95=9500,
                      prompt=3000, completion=600, config_id="pc-ombu-resenas", key="vk-ombu-batch",
                      sdk="portkey-python/1.11.0"),
               stream(b["id"], provider="google", model="gemini-2.5-flash-lite", per_minute=10, p50=350, p95=900,
                      config_id="pc-ceibo-tags"),
               stream(c["id"], provider="google", model="gemini-2.5-pro", per_minute=8, p50=3800, p95=8800,
                      config_id="pc-delta-editor")]
    an = [timeouts(at(D, "17:34"), None, {"config_id": "pc-ombu-reservas"}, 0.5, 4000,
                   {"provider": "google", "model": "gemini-2.5-flash"}),
          latency(at(D, "17:25"), at(D, "18:25"), {"model": "gemini-2.5-flash-lite"}, 2.0)]
    pro = {"virtual_key": "vk-ombu-google", "override_params": {"model": "gemini-2.5-pro"}, "request_timeout": 4000,
           "retry": {"attempts": 2, "on_status_codes": [429, 500, 502, 503, 504]}}
    cfg = [config("pc-ombu-reservas", a["id"], "reservas", [pro, target("vk-ombu-google", "gemini-2.5-flash", 20000)],
                  mode="fallback", updated=at(D, "17:32")),
           one_target("pc-ombu-resenas", a, "resenas", "vk-ombu-google", "gemini-2.5-pro", 60000),
           one_target("pc-ceibo-tags", b, "tags", "vk-ceibo-google", "gemini-2.5-flash-lite", 10000),
           one_target("pc-delta-editor", c, "editor", "vk-delta-google", "gemini-2.5-pro", 60000)]
    t = [ticket(18801, a, "¿Gemini Pro degradado? la mitad de las respuestas salen de Flash",
                "Hola, ¿qué tal?\n\nDesde media tarde (acá en Buenos Aires) vemos que en el asistente de reservas "
                "más o menos la mitad de las respuestas vienen de gemini-2.5-flash en vez de Pro, con "
                "fallback_used en true. Las respuestas de Flash son peores y los clientes lo notan. ¿Google tiene "
                "algún problema con Pro? Vi en su página de estado un incidente de Gemini.\n\nGracias,\n"
                "Lucía Benítez\nLíder técnica · Ombú Turismo", at(D, "18:40"), "Lucía Benítez")]
    return scenario("", "fallback-timeout-below-model-latency-spanish",
                    "Rioplatense Spanish ticket ('desde media tarde', Buenos Aires) asking whether Gemini Pro is "
                    "degraded: Ombú saved pc-ombu-reservas at 17:32 UTC with request_timeout 4000 ms on its "
                    "gemini-2.5-pro target, whose median is already 4 s; from 17:34 half its requests time out and "
                    "are served by gemini-2.5-flash while Pro's own latency is unchanged (customer_config). A "
                    "Gemini 2.5 Flash-Lite incident at the same minutes, a Google adapter deploy at 17:10 and a "
                    "nested-timeout bug are bystanders among 26 routine deploys.",
                    now, CO, [a, b, c], "2027-01-13T18:00:00Z", 18801, streams, an, t,
                    {18801: truth("fallback", "customer_config", ["config:pc-ombu-reservas"],
                                  [lite, f"github:deployment:{her}", "linear:issue:GW-1880", "config:pc-ombu-resenas"],
                                  ["request_timeout", "17:34"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_FALLBACKS])


ALL = [api_errors_gemini_groq_guess_de, api_errors_bedrock_bug_and_outage_pt, latency_groq_and_limit_ja,
       latency_no_fault_cdmx_es, routing_azure_config_edit_en, routing_azure_deploy_noisy_fr,
       fallback_own_server_en, fallback_timeout_below_model_es]

if __name__ == "__main__":
    write_all(ALL)
