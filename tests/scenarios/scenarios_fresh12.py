#!/usr/bin/env python3
"""Eight library scenarios in September and October 2031, one per ticket pattern and a second
API-error one, truth written from each scenario's data before the engine ever ran on them (the
engine was neither read nor run while writing them). Each truth asks for the refs a careful
engineer cites with the cause (the deploy beside the model it broke, the filed bug beside the
config it hits, the docs page beside the config that runs into it, the invoice beside the deploy):

- API errors in German with typos (Hamburg, CEST), two causes: our Bedrock adapter deploy #49140
  (07:48 UTC) checks model ids against the region's foundation-model catalogue, which has no
  cross-region inference profiles, so every org's `eu.anthropic.claude-sonnet-4-6-v1:0` request is
  answered 404 model_not_found from 07:50 while the org's Haiku on the same Bedrock key works
  (primary, deploy_regression); OpenAI's o4-mini incident answers 503 to 40% of requests 09:10-10:05
  (secondary, provider_outage). The customer blames its own IAM credential rotation at 07:30; a
  credential-cache deploy, an Anthropic Sonnet incident on the direct API, a fixed IAM-rotation bug
  and the credentials page tempt.
- Latency in formal Japanese (Tokyo, JST, question form): the org's compliance team saved the support
  chat config with a synchronous PII guardrail at 01:59 UTC; from 02:00 the gateway's own time on
  that config alone grows by some 800 ms, provider time flat, as the guardrails page says of
  synchronous checks (customer_config). The customer asks about our HTTP/2 deploy 25 minutes before
  and the Tokyo edge; an incident on the same model the evening before tempts.
- "Claude fails, GPT works" in Mexican Spanish (Mexico City, UTC-6 all year): half of every org's
  streamed Claude requests on chat completions end 502 upstream_stream_error from 15:20 UTC, after
  Anthropic began sending a nested usage object; filed in Linear at 16:02 (known_bug). Non-streamed
  Claude and streamed GPT-4.1 work; our Anthropic adapter deploy at 14:55 and a claude.ai incident
  tempt.
- A fallback in French (Paris, back on CET since 26 October): long data-room documents make a
  quarter of the org's Claude requests fail 400 context_length_exceeded from 08:10 UTC, which the
  fallbacks page says never fails over, listed or not (expected_behavior). The customer blames our
  router deploy of the day before, after which the same config failed over through an Anthropic
  incident that evening. A plain question on EU data residency beside it.
- An invoice in Brazilian Portuguese (São Paulo, an on-call reconciliation alert at 02:20 BRT), two
  causes: our metering deploy #49540 (13:03 UTC) sends no meter event for `/v1/responses` from 13:05
  (primary, billing_pipeline), and the customer's sum counts the cached input tokens the invoices
  page says are not billed (secondary, expected_behavior).
- Webhooks in long, rambling English (Chicago, still on CDT while Europe is not): the org rotated its
  signing secret at about 14:00 UTC; its audit receiver answers 401 to every delivery from 14:02
  while its orders receiver and every other org's verifying endpoint answer 200, also after our
  v2-signature deploy at 13:40 (customer_endpoint).
- Metadata in English under a stale sales subject with a quoted reply (Sydney, AEDT since 5
  October): a service moved to Azure OpenAI at 10:30 local (23:30 UTC the day before) and lost its
  metadata, as every org's Azure OpenAI requests have, a bug filed in Jira nine days before
  (known_bug); the org's Claude service on the same SDK keeps its metadata.
- API errors in three lines of rioplatense Spanish (Buenos Aires, ART): 429 on every config of the org
  from 17:45 UTC, three minutes after a config was saved with `max_tokens` 16000, which the rate-limits
  page says the tokens-per-minute budget reserves up front (rate_limited). A limits-header deploy, an
  OpenAI 429 incident that morning and the key-budgets page tempt. A plain question in Portuguese on
  key budgets beside it.

Time zones (autumn 2031): Europe on summer time until 26 October 2031 (Hamburg CEST UTC+2 in
September, Paris CET UTC+1 from 27 October), the US until 2 November 2031 (Chicago CDT UTC-5 on 30
October), Sydney on AEDT (UTC+11) from 5 October, Tokyo JST (UTC+9), Mexico City UTC-6 and São Paulo
and Buenos Aires UTC-3 all year.

Every truth below is read from the data declared next to it (anomalies, configs, billing faults,
webhook failures, deploys, issues, incidents, docs). Run it to rewrite the JSON files."""
from compose import *  # noqa: F401,F403
from scenarios_fresh import cycle, hooks, failures
from scenarios_fresh3a import jira_issue
from scenarios_fresh11a import mail_ticket

CO = {"name": "Relay AI", "github_repo": "relay-ai/gateway"}


# ---------------------------------------------------------------------------------------------
# 1. api-errors, German (Hamburg, CEST), two causes
# ---------------------------------------------------------------------------------------------

DOC_BEDROCK = doc("docs/providers/bedrock.md", "AWS Bedrock",
                  "# AWS Bedrock\n\nA Bedrock virtual key holds the AWS region and IAM credentials of your "
                  "account. Set `override_params.model` to a Bedrock model id: a foundation model "
                  "(`anthropic.claude-haiku-4-5-v1:0`) or a cross-region inference profile, whose id starts with "
                  "its geography (`eu.`, `us.`, `apac.`, e.g. `eu.anthropic.claude-sonnet-4-6-v1:0`). Both are "
                  "supported on every region the virtual key may name. A model id the gateway cannot resolve is "
                  "answered 404 with `error_code: model_not_found`.\n")
DOC_BEDROCK_KEYS = doc("docs/providers/bedrock-credentials.md", "Rotating Bedrock credentials",
                       "# Rotating Bedrock credentials\n\nTo rotate the IAM access key behind a Bedrock virtual "
                       "key, create the new key in AWS, paste it into the virtual key (Settings → Virtual keys), "
                       "then deactivate the old one in AWS. The new credentials are used within 60 seconds. Requests "
                       "signed with deactivated credentials, or with a user that lacks `bedrock:InvokeModel` on the "
                       "model, are refused by AWS and answered 403 with `error_code: provider_auth_failed`.\n")


def api_errors_bedrock_profile_deploy_and_o4_mini_de():
    """Two causes: our Bedrock adapter deploy refuses cross-region inference-profile ids (404) for
    every org from 07:50; OpenAI's o4-mini incident 09:10-10:05. The customer blames its own IAM
    rotation at 07:30."""
    D, now = "2031-09-16", "2031-09-16T12:30:00Z"
    a = org("org_seeadler", "Seeadler Logistik", "seeadler-logistik.de", "enterprise")
    b = org("org_kormoran", "Kormoran Reederei", "kormoran-reederei.de", "scale")
    c = org("org_robbe", "Robbe Windkraft", "robbe-windkraft.de", "growth")
    start = "2031-09-15T08:00:00Z"
    gh = github(CO, 49101, start, now, 20)
    cache = gh.deploy(49141, at(D, "07:05"), "secrets: cache decrypted provider credentials for 60 s",
                      ["src/secrets/credential-cache.ts", "src/secrets/credential-cache.test.ts"])
    bad = gh.deploy(49140, at(D, "07:48"), "bedrock adapter: validate model ids against the regional catalogue",
                    ["src/providers/bedrock/models.ts", "src/providers/bedrock/catalogue.ts",
                     "src/providers/bedrock/models.test.ts"],
                    message="bedrock: reject model ids missing from the region's ListFoundationModels catalogue "
                            "before signing (#7702)")
    sp = Statuspage(now)
    o4 = sp.incident("openai", "o4s6m8i0n2i4", "Elevated error rates on o4-mini", at(D, "09:10"), at(D, "10:05"),
                     "Some o4-mini requests fail with 503 errors.")
    son = sp.incident("anthropic", "s3n5t7h9a1c3", "Elevated errors on Claude Sonnet 4.6", at(D, "06:30"),
                      at(D, "07:15"), "Some requests to Claude Sonnet 4.6 on the Claude API fail with overloaded "
                                      "errors.")
    lin = [linear_issue("GW-8111", "Bedrock virtual keys: rotated IAM credentials used only after a config reload",
                        "After an IAM key rotation, requests kept being signed with the old credentials until the "
                        "config was reloaded, and AWS answered 403. Fixed by reading the virtual key on every "
                        "request.", "2031-08-20T10:00:00Z", state="Done", labels=("bug", "provider:bedrock"),
                        completed="2031-08-28T15:00:00Z")]
    # Seeadler (Hamburg, CEST UTC+2): dispatch planning on the EU cross-region inference profile of
    # Claude Sonnet through Bedrock, parcel tracking on the Haiku foundation model through the same
    # Bedrock virtual key, a customs classifier on o4-mini; 2% background errors and an office-hours
    # cycle (05:00-16:00 UTC). Deploy #49140 (07:48 UTC, done 07:50) checks every Bedrock model id
    # against the region's foundation-model catalogue, which lists no inference profiles: from 07:50
    # every request to eu.anthropic.claude-sonnet-4-6-v1:0 is answered 404 model_not_found, for
    # Seeadler and for Kormoran alike, while Seeadler's Haiku on the same virtual key (same IAM
    # credentials) is served. The customer rotated its IAM credentials at 07:30 (09:30 CEST):
    # rotated or revoked credentials would answer 403 on both models, and nothing failed in the
    # twenty minutes after it. OpenAI's o4-mini incident answers 503 to 40% of requests 09:10-10:05
    # (11:10-12:05 CEST), the customs classifier's errors (secondary). The credential-cache deploy at
    # 07:05, Anthropic's Sonnet incident on the direct API (06:30-07:15, Robbe's model, over before
    # the onset), the IAM-rotation bug fixed in August and the credentials page are bystanders.
    eu = "eu.anthropic.claude-sonnet-4-6-v1:0"
    sdk = "portkey-python/1.33.0"
    streams = [cycle(stream(a["id"], provider="bedrock", model=eu, per_minute=12, p50=2200, p95=5200,
                            error_rate=0.02, config_id="pc-seeadler-disposition", key="vk-seeadler-app", sdk=sdk,
                            metadata={"team": "disposition"}), 5, 16, 0.3),
               cycle(stream(a["id"], provider="bedrock", model="anthropic.claude-haiku-4-5-v1:0", per_minute=10,
                            p50=600, p95=1500, error_rate=0.02, config_id="pc-seeadler-tracking",
                            key="vk-seeadler-app", sdk=sdk, metadata={"team": "tracking"}), 5, 16, 0.3),
               cycle(stream(a["id"], model="o4-mini", per_minute=6, p50=3500, p95=8000, error_rate=0.02,
                            config_id="pc-seeadler-zoll", key="vk-seeadler-zoll", sdk=sdk,
                            metadata={"team": "zoll"}), 5, 16, 0.3),
               stream(b["id"], provider="bedrock", model=eu, per_minute=6, p50=2300, p95=5400,
                      config_id="pc-kormoran-crewplan", sdk="portkey-node/2.19.0"),
               stream(b["id"], model="gpt-4.1-mini", per_minute=5, p50=700, p95=1700, config_id="pc-kormoran-faq",
                      sdk="portkey-node/2.19.0"),
               stream(c["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=5, p50=2300, p95=5400,
                      config_id="pc-robbe-wartung")]
    an = [errors(at(D, "07:50"), None, {"model": eu}, 1.0, 404, "model_not_found"),
          errors(at(D, "09:10"), at(D, "10:05"), {"model": "o4-mini"}, 0.4, 503, "provider_unavailable"),
          errors(at(D, "06:30"), at(D, "07:15"), {"model": "claude-sonnet-4-6"}, 0.3, 529, "provider_overloaded")]
    cfg = [one_target("pc-seeadler-disposition", a, "disposition", "vk-seeadler-bedrock", eu, 60000),
           one_target("pc-seeadler-tracking", a, "tracking", "vk-seeadler-bedrock", "anthropic.claude-haiku-4-5-v1:0",
                      20000),
           one_target("pc-seeadler-zoll", a, "zoll", "vk-seeadler-openai", "o4-mini", 60000),
           one_target("pc-kormoran-crewplan", b, "crewplan", "vk-kormoran-bedrock", eu, 60000),
           one_target("pc-kormoran-faq", b, "faq", "vk-kormoran-openai", "gpt-4.1-mini", 30000),
           one_target("pc-robbe-wartung", c, "wartung", "vk-robbe-anthropic", "claude-sonnet-4-6", 60000)]
    t = [ticket(49101, a, "Bedrock 404 model_not_found seit heute morgen - wegen IAM Rotation?",
                "Moin zusammen,\n\nseit heute ca. 9:50 Uhr (Hamburger Zeit) schlagen bei uns sämtliche Anfragen an "
                "Claude Sonnet über Bedrock fehl, Config pc-seeadler-disposition. Antwort ist jedesmal:\n\n```\n"
                "HTTP 404 {\"error\":{\"code\":\"model_not_found\",\"message\":\"Model "
                "eu.anthropic.claude-sonnet-4-6-v1:0 is not available for this provider\"}}\n```\n\nWir haben heute "
                "früh um 9:30 turnusgemäß die IAM-Zugangsdaten im Bedrock-Key bei euch getauscht. Meine Vermutung: "
                "der neue IAM-User hat keine Berechtigung fürs EU-Inferenzprofil, oder bei euch sind noch die alten "
                "Credentials gecacht? Komisch ist nur, das das Sendungstracking (Haiku, gleicher Key) ganz normal "
                "läuft.\n\nZweites Thema, weiss nicht ob das zusammenhängt: zwischen ungefähr 11:10 und 12 Uhr hatte "
                "auch unser Zoll-Klassifizierer (o4-mini über OpenAI) haufenweise 503er. Hat mit dem IAM-Tausch "
                "eigentlich nix zu tun, aber der Zeitpunkt ist schon auffälig.\n\nDie Disposition steht komplett, "
                "das ist für uns Prio 1. Könnt ihr bitte schnell reinschauen?\n\nDanke und Gruß\nJannik Petersen\n"
                "Plattform-Team, Seeadler Logistik GmbH", at(D, "11:40"), "Jannik Petersen", priority="high")]
    # Primary: the deploy that began refusing the inference-profile id, beside that model (every
    # org's requests to it, the same key's Haiku served). Secondary: the o4-mini incident and its
    # model. Bystanders: the credential-cache deploy, the direct-API Sonnet incident, the fixed IAM
    # bug, the credentials page, the org's working Haiku config.
    return scenario("", "api-errors-bedrock-profile-deploy-and-o4-mini-outage-iam-guess-german",
                    "German ticket with typos (Hamburg, CEST UTC+2, blames its own IAM credential rotation at 07:30 "
                    "UTC), two causes: Bedrock adapter deploy #49140 (07:48) checks model ids against the region's "
                    "foundation-model catalogue, so from 07:50 every org's requests to the cross-region inference "
                    "profile eu.anthropic.claude-sonnet-4-6-v1:0 are answered 404 model_not_found while the org's "
                    "Haiku on the same Bedrock virtual key is served (deploy_regression); OpenAI's o4-mini incident "
                    "answers 503 to 40% of requests 09:10-10:05 (secondary provider_outage). A credential-cache "
                    "deploy at 07:05, an Anthropic Sonnet incident on the direct API before the onset, a fixed "
                    "IAM-rotation bug and the credentials page are bystanders among 20 routine deploys; the org has "
                    "2% background errors and an office-hours cycle.",
                    now, CO, [a, b, c], start, 49101, streams, an, t,
                    {49101: truth("api-errors", "deploy_regression", [f"github:deployment:{bad}", f"model:{eu}"],
                                  [f"github:deployment:{cache}", son, "linear:issue:GW-8111",
                                   "docs:docs/providers/bedrock-credentials.md", "config:pc-seeadler-tracking"],
                                  ["404", "07:50"],
                                  [secondary("provider_outage", [o4, "model:o4-mini"])])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_BEDROCK, DOC_BEDROCK_KEYS])


# ---------------------------------------------------------------------------------------------
# 2. latency-spike, Japanese (Tokyo, JST), customer_config
# ---------------------------------------------------------------------------------------------

DOC_GUARDRAILS = doc("docs/routing/guardrails.md", "Guardrails",
                     "# Guardrails\n\nA config may run checks on each request before it is sent "
                     "(`before_request_hooks`) or on the answer (`after_request_hooks`). A synchronous check "
                     "(`\"async\": false`, the default) holds the request until it has finished: PII masking usually "
                     "adds 300-1000 ms per request, more on long prompts. The request log counts this time as the "
                     "gateway's (`latency_ms` minus `provider_latency_ms`), not the provider's.\n\nWith "
                     "`\"async\": true` the check runs beside the request and only records its verdict, without "
                     "masking anything. Add synchronous checks only to the configs that need them.\n")
DOC_LATENCY_SPLIT = doc("docs/observability/latency.md", "Reading latency",
                        "# Reading latency\n\nEach request log has the total time the client waited (`latency_ms`) "
                        "and the time spent waiting on providers (`provider_latency_ms`). The difference is the "
                        "gateway's own time: routing, caching, guardrails and transforms, usually 5-20 ms.\n")


def latency_sync_guardrail_config_ja():
    """The org's compliance team saved its support chat config with a synchronous PII guardrail at
    01:59 UTC: gateway time on that config alone rises from 02:00. The customer asks about our
    HTTP/2 deploy and the Tokyo edge."""
    Y, D, now = "2031-09-24", "2031-09-25", "2031-09-25T06:00:00Z"
    a = org("org_kitsutsuki", "Kitsutsuki Shoji", "kitsutsuki-shoji.co.jp", "enterprise")
    b = org("org_shijukara", "Shijukara Games", "shijukara-games.jp", "scale")
    c = org("org_hiyodori", "Hiyodori Clinic", "hiyodori-clinic.jp", "growth")
    start = "2031-09-24T06:00:00Z"
    gh = github(CO, 49201, start, now, 17)
    h2 = gh.deploy(49240, at(D, "01:35"), "openai adapter: reuse HTTP/2 connections across requests",
                   ["src/providers/openai/http2-pool.ts", "src/providers/openai/http2-pool.test.ts"])
    sp = Statuspage(now)
    mini = sp.incident("openai", "l4t6n8c0y2m4", "Increased latency for GPT-4.1 mini", at(Y, "14:00"), at(Y, "14:40"),
                       "Some GPT-4.1 mini requests are slower than usual.", impact="minor")
    lin = [linear_issue("GW-8211", "Guardrails: async guardrail verdicts missing from the request log",
                        "With `async: true`, the guardrail's verdict is sometimes not attached to the request log. "
                        "Timing and masking are unaffected.", "2031-09-12T10:00:00Z", state="Todo",
                        labels=("bug", "guardrails"))]
    # Kitsutsuki (Tokyo, JST UTC+9): the customer support chat pc-kitsutsuki-madoguchi on
    # gpt-4.1-mini and a translation service on Claude Haiku, both in Tokyo office hours (01:00-10:00
    # UTC), 1% background errors. At 01:59 UTC (10:59 JST) the config pc-kitsutsuki-madoguchi was
    # saved with a synchronous PII-masking guardrail (before_request_hooks, async false); from 02:00
    # the gateway's own time on that config goes from about 10 ms to about 800 ms, provider time
    # unchanged, nothing else slower: the translation config, Shijukara's gpt-4.1-mini config and
    # Hiyodori's Claude config keep their timing. The guardrails page says a synchronous check adds
    # 300-1000 ms of gateway time. The HTTP/2 deploy at 01:35 (10:35 JST) touched every OpenAI request
    # and Shijukara's gpt-4.1-mini kept its timing after it; OpenAI's gpt-4.1-mini latency incident
    # was the evening before (14:00-14:40 UTC) and on the provider's time; the async-guardrail bug is
    # about logging.
    sdk = "portkey-node/2.19.0"
    streams = [cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=14, p50=800, p95=1900, gateway_ms=10,
                            error_rate=0.01, config_id="pc-kitsutsuki-madoguchi", key="vk-kitsutsuki-web", sdk=sdk,
                            metadata={"channel": "web"}), 1, 10, 0.3),
               cycle(stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=8, p50=600, p95=1500,
                            gateway_ms=10, error_rate=0.01, config_id="pc-kitsutsuki-honyaku", key="vk-kitsutsuki-web",
                            sdk=sdk, metadata={"channel": "honyaku"}), 1, 10, 0.3),
               stream(b["id"], model="gpt-4.1-mini", per_minute=8, p50=750, p95=1800, config_id="pc-shijukara-npc",
                      sdk="portkey-python/1.33.0"),
               stream(c["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=4, p50=2300, p95=5400,
                      config_id="pc-hiyodori-monshin")]
    an = [latency(at(D, "02:00"), None, {"config_id": "pc-kitsutsuki-madoguchi"}, 80.0, component="gateway"),
          latency(at(Y, "14:00"), at(Y, "14:40"), {"model": "gpt-4.1-mini"}, 2.5)]
    madoguchi = one_target("pc-kitsutsuki-madoguchi", a, "madoguchi", "vk-kitsutsuki-openai", "gpt-4.1-mini", 30000)
    madoguchi["last_updated_at"] = at(D, "01:59")
    madoguchi["config"]["before_request_hooks"] = [{"id": "kitsutsuki-pii-mask", "type": "guardrail",
                                                    "async": False, "checks": ["pii.mask"]}]
    cfg = [madoguchi,
           one_target("pc-kitsutsuki-honyaku", a, "honyaku", "vk-kitsutsuki-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-shijukara-npc", b, "npc", "vk-shijukara-openai", "gpt-4.1-mini", 30000),
           one_target("pc-hiyodori-monshin", c, "monshin", "vk-hiyodori-anthropic", "claude-sonnet-4-6", 60000)]
    t = [ticket(49201, a, "問い合わせ窓口チャットの応答遅延について（本日11時頃から）",
                "Relay サポートご担当者様\n\nいつもお世話になっております。キツツキ商事 デジタル推進室の森でございます。\n\n"
                "本日11時頃より、お客様向けの問い合わせ窓口チャット（設定ID: pc-kitsutsuki-madoguchi、GPT-4.1 mini）"
                "の応答が遅くなっております。御社ダッシュボードで確認いたしましたところ、1リクエストあたりの合計時間が"
                "0.7〜0.8秒ほど長くなっている一方で、プロバイダ側の時間はほとんど変わっていないように見受けられます。"
                "同じ時間帯、翻訳サービス（Claude Haiku）は普段どおりの速さで動いております。\n\n"
                "つきましては、以下2点についてお伺いできますでしょうか。\n"
                "1. 変更履歴に、本日10時半過ぎに OpenAI 向けの HTTP/2 接続の再利用に関する変更が掲載されておりましたが、"
                "こちらが影響している可能性はございますでしょうか。\n"
                "2. 東京リージョンのエッジで何らかの障害は発生しておりませんでしょうか。\n\n"
                "なお、当方では本件に関わる設定変更は行っておりません（本日、コンプライアンス部門が個人情報マスキングの"
                "ルールを展開したと聞いておりますが、社内システム側の対応と理解しております）。\n\n"
                "お忙しいところ恐縮ですが、ご確認のほどよろしくお願い申し上げます。\n\n森 健太\n"
                "キツツキ商事株式会社 デジタル推進室", at(D, "05:20"), "Kenta Mori")]
    # The gateway's own time rose on one config from the minute after it was saved with a synchronous
    # guardrail, nothing else slower: the root cause cites the config and the guardrails page.
    # Bystanders: the HTTP/2 deploy, the previous evening's gpt-4.1-mini incident, the async-guardrail
    # bug, the org's translation config.
    return scenario("", "latency-spike-sync-guardrail-config-tokyo-japanese",
                    "Formal Japanese question-form ticket (Tokyo, JST UTC+9, asks about our HTTP/2 deploy and the "
                    "Tokyo edge, says no config changed): at 01:59 UTC the org's support chat config "
                    "pc-kitsutsuki-madoguchi was saved with a synchronous PII-masking guardrail, and from 02:00 the "
                    "gateway's own time on that config alone grows from about 10 ms to about 800 ms, provider time "
                    "flat, as the guardrails page says of synchronous checks (customer_config). An OpenAI HTTP/2 "
                    "deploy at 01:35, a gpt-4.1-mini latency incident the evening before and an async-guardrail "
                    "logging bug are bystanders among 17 routine deploys.",
                    now, CO, [a, b, c], start, 49201, streams, an, t,
                    {49201: truth("latency-spike", "customer_config",
                                  ["config:pc-kitsutsuki-madoguchi", "docs:docs/routing/guardrails.md"],
                                  [f"github:deployment:{h2}", mini, "linear:issue:GW-8211",
                                   "config:pc-kitsutsuki-honyaku"],
                                  ["pc-kitsutsuki-madoguchi", "02:00"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_GUARDRAILS, DOC_LATENCY_SPLIT])


# ---------------------------------------------------------------------------------------------
# 3. provider-routing, Mexican Spanish (Mexico City), known_bug
# ---------------------------------------------------------------------------------------------

DOC_STREAMING = doc("docs/api/streaming.md", "Streaming",
                    "# Streaming\n\nWith `stream: true` the gateway relays the provider's answer as server-sent "
                    "events in the OpenAI chunk format, whatever the provider. An error after the first chunk ends "
                    "the stream with an `error` event and is logged with its status (502 "
                    "`upstream_stream_error` when the provider's stream cannot be translated).\n")


def routing_streamed_claude_known_bug_es():
    """Half of every org's streamed Claude requests on chat completions end 502 from 15:20 UTC, after
    Anthropic began sending a nested usage object; filed in Linear at 16:02. Non-streamed Claude and
    streamed GPT work."""
    D, now = "2031-10-08", "2031-10-08T18:30:00Z"
    a = org("org_guajolote", "Guajolote Seguros", "guajolote-seguros.mx", "enterprise")
    b = org("org_tejon", "Tejón Retail", "tejonretail.com", "scale")
    c = org("org_mapache", "Mapache Labs", "mapachelabs.mx", "growth")
    start = "2031-10-07T15:00:00Z"
    gh = github(CO, 49301, start, now, 23)
    eff = gh.deploy(49340, at(D, "14:55"), "anthropic adapter: map reasoning_effort to a thinking budget",
                    ["src/providers/anthropic/thinking.ts", "src/providers/anthropic/request.ts",
                     "src/providers/anthropic/thinking.test.ts"])
    sp = Statuspage(now)
    cai = sp.incident("anthropic", "c1a3i5d7o9t1", "Elevated errors on claude.ai", at(D, "14:40"), at(D, "15:50"),
                      "Some users see errors when sending messages on claude.ai.", component="claude.ai")
    bug = linear_issue("GW-8311", "Anthropic adapter: streamed chat completions end 502 when message_delta carries "
                                  "usage.cache_creation",
                       "Since about 15:20 UTC on 8 October Anthropic's streamed Messages responses end with a "
                       "`message_delta` whose `usage` holds a nested `cache_creation` object (a staged roll-out on "
                       "their side, about half of the responses so far). Our chat-completions stream translator "
                       "expects numbers only in `usage`, throws and ends the stream: the client receives the first "
                       "chunks, then 502 `upstream_stream_error`. Every org's streamed Claude requests on "
                       "/v1/chat/completions; non-streamed requests and the /v1/messages passthrough are not "
                       "affected. Workaround: `stream: false` for Claude, or /v1/messages.",
                       at(D, "16:02"), labels=("bug", "provider:anthropic", "streaming"))
    old = linear_issue("GW-8190", "Anthropic adapter: stop_reason pause_turn mapped to 500",
                       "Answers ending with stop_reason `pause_turn` were returned as 500. Fixed by mapping it to "
                       "finish_reason `length`.", "2031-09-18T10:00:00Z", state="Done",
                       labels=("bug", "provider:anthropic"), completed="2031-09-24T12:00:00Z")
    # Guajolote (Mexico City, UTC-6 all year): its app assistant pc-guajolote-asistente (Claude
    # Sonnet 4.6, streamed) and quote tool pc-guajolote-cotizador (gpt-4.1, streamed) in office hours
    # (13:00-23:00 UTC), a nightly summaries job pc-guajolote-resumenes (Claude Sonnet 4.6, not
    # streamed) that also runs test batches by day. From 15:20 UTC (09:20 CDMX) half of the requests
    # of every streamed Claude config end 502 upstream_stream_error: the assistant and Tejón's
    # streamed sales assistant. The summaries (same model, not streamed), the streamed gpt-4.1 quotes
    # and Mapache's gpt-4.1-mini are served. GW-8311, filed at 16:02, describes exactly this and its
    # cause on Anthropic's side; no deploy of ours at 15:20. The reasoning_effort deploy at 14:55 came
    # 25 minutes before the onset and changed no streamed failure in between; the claude.ai incident
    # is Anthropic's consumer product; the pause_turn bug was fixed in September.
    sdk = "portkey-python/1.33.0"
    asistente = cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=14, p50=3000,
                             p95=7000, error_rate=0.015, config_id="pc-guajolote-asistente", key="vk-guajolote-app",
                             sdk=sdk, metadata={"app": "movil"}), 13, 23, 0.3)
    asistente["streaming"] = {"first_token_share": 0.2}
    cotizador = cycle(stream(a["id"], model="gpt-4.1", per_minute=8, p50=1800, p95=4000, error_rate=0.015,
                             config_id="pc-guajolote-cotizador", key="vk-guajolote-app", sdk=sdk,
                             metadata={"app": "movil"}), 13, 23, 0.3)
    cotizador["streaming"] = {"first_token_share": 0.2}
    vendedor = stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=6, p50=2800, p95=6500,
                      config_id="pc-tejon-vendedor", sdk="portkey-node/2.19.0")
    vendedor["streaming"] = {"first_token_share": 0.2}
    streams = [asistente, cotizador,
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=4, p50=4000, p95=9000,
                      error_rate=0.015, config_id="pc-guajolote-resumenes", key="vk-guajolote-batch", sdk=sdk,
                      metadata={"job": "resumenes"}),
               vendedor,
               stream(c["id"], model="gpt-4.1-mini", per_minute=4, p50=700, p95=1700, config_id="pc-mapache-bot")]
    an = [errors(at(D, "15:20"), None, {"config_id": "pc-guajolote-asistente"}, 0.5, 502, "upstream_stream_error"),
          errors(at(D, "15:20"), None, {"config_id": "pc-tejon-vendedor"}, 0.5, 502, "upstream_stream_error")]
    cfg = [one_target("pc-guajolote-asistente", a, "asistente", "vk-guajolote-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-guajolote-cotizador", a, "cotizador", "vk-guajolote-openai", "gpt-4.1", 60000),
           one_target("pc-guajolote-resumenes", a, "resumenes", "vk-guajolote-anthropic", "claude-sonnet-4-6", 120000),
           one_target("pc-tejon-vendedor", b, "vendedor", "vk-tejon-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-mapache-bot", c, "bot", "vk-mapache-openai", "gpt-4.1-mini", 30000)]
    t = [ticket(49301, a, "Claude se corta a media respuesta, GPT-4.1 bien",
                "Hola equipo de Relay,\n\nDesde las 9:20 de la mañana (hora del centro de México) el asistente de "
                "nuestra app (config pc-guajolote-asistente, Claude Sonnet 4.6 con streaming) está fallando en más o "
                "menos la mitad de las conversaciones. Lo raro es que el texto sí empieza a llegar y de repente se "
                "corta con un error. El cotizador, que usa GPT-4.1 también con streaming, funciona perfecto, y los "
                "resúmenes (también Claude, pero sin streaming) no han fallado en las pruebas que corrimos hoy.\n\n"
                "Lo que vemos en el log del backend:\n```\n2031-10-08 09:41:13 CST ERROR chat.stream "
                "openai.APIError: upstream_stream_error (status=502) request_id=req_4be19a0c\n```\n\n¿Anthropic "
                "está teniendo problemas? En su página de estado vimos un incidente esta mañana. ¿O será que "
                "nuestra versión del SDK (portkey-python 1.33.0) ya no es compatible? De nuestro lado no hemos "
                "cambiado nada desde la semana pasada.\n\nSaludos,\nMariana Cervantes\nLíder de Ingeniería Móvil · "
                "Guajolote Seguros", at(D, "17:05"), "Mariana Cervantes", priority="high")]
    # Every org's streamed Claude configs fail half their requests from 15:20, the non-streamed one on
    # the same model and the streamed GPT one do not, and an open bug describes exactly that: the root
    # cause cites the bug and the failing config. Bystanders: the reasoning_effort deploy, the
    # claude.ai incident, the fixed pause_turn bug, the org's non-streamed Claude config.
    return scenario("", "provider-routing-streamed-claude-known-bug-mexico-spanish",
                    "Mexican Spanish ticket (Mexico City, UTC-6 all year, asks whether Anthropic is down or its SDK "
                    "too old) contrasting a streamed Claude assistant with streamed GPT-4.1: from 15:20 UTC half of "
                    "every org's streamed Claude requests on chat completions end 502 upstream_stream_error after "
                    "Anthropic began sending a nested usage object, filed as GW-8311 at 16:02, while the org's "
                    "non-streamed Claude summaries and its streamed GPT-4.1 config are served (known_bug). An "
                    "Anthropic adapter deploy at 14:55, a claude.ai incident over the onset and a fixed pause_turn "
                    "bug are bystanders among 23 routine deploys.",
                    now, CO, [a, b, c], start, 49301, streams, an, t,
                    {49301: truth("provider-routing", "known_bug",
                                  ["linear:issue:GW-8311", "config:pc-guajolote-asistente"],
                                  [f"github:deployment:{eff}", cai, "linear:issue:GW-8190",
                                   "config:pc-guajolote-resumenes"],
                                  ["502", "stream"])},
                    github=gh, statuspage=sp, configs=cfg, linear=[bug, old], docs=[DOC_STREAMING])


# ---------------------------------------------------------------------------------------------
# 4. fallback, French (Paris, CET), expected_behavior, with a plain question
# ---------------------------------------------------------------------------------------------

DOC_FALLBACKS_400 = doc("docs/routing/fallbacks.md", "Fallbacks",
                        "# Fallbacks\n\nA config with `strategy.mode: fallback` tries its targets in order. A target "
                        "fails over to the next one when it answers a status listed in its `retry.on_status_codes`, "
                        "or when it exceeds its `request_timeout` (counted as 408). Anthropic answers 529 when it is "
                        "overloaded: list it to fail over on it.\n\n## What never fails over\n\nErrors caused by the "
                        "request itself are returned to the client at once and are never retried nor sent to the "
                        "next target, even when their status is listed in `on_status_codes`: 400 `invalid_request`, "
                        "400 `context_length_exceeded` (the prompt is longer than the target model's context "
                        "window), 413 and 422. Listing 400 has no effect.\n\n## Long prompts\n\nTo send prompts too "
                        "long for one model to a model with a larger context window, route on the prompt's size "
                        "with a conditional config (`strategy.mode: conditional`, a condition on "
                        "`prompt_tokens`), or check the size in your application before sending.\n")
DOC_RESIDENCY = doc("docs/account/data-residency.md", "Data residency",
                    "# Data residency\n\nRequest logs, metadata and webhook payloads of an organisation are stored in "
                    "one region: US (Virginia, the default) or EU (Frankfurt). The EU region is available on the "
                    "Scale and Enterprise plans. Choose it when you create the organisation; to move an existing "
                    "organisation, an admin asks support, and the move takes up to five business days with no "
                    "downtime. Providers are called from the region of the provider's endpoint you configure.\n")


def fallback_context_length_documented_fr():
    """A quarter of the org's Claude requests fail 400 context_length_exceeded from 08:10 UTC with
    the data-room review; the fallbacks page says they never fail over. The same config failed over
    through an Anthropic incident the evening before, after our router deploy."""
    Y, D, now = "2031-10-27", "2031-10-28", "2031-10-28T10:30:00Z"
    a = org("org_martinet", "Martinet Avocats", "martinet-avocats.fr", "enterprise")
    b = org("org_hulotte", "Hulotte Éditions", "hulotte-editions.be", "scale")
    c = org("org_bouvreuil", "Bouvreuil Santé", "bouvreuil-sante.fr", "growth")
    start = "2031-10-27T08:00:00Z"
    gh = github(CO, 49401, start, now, 18)
    rt = gh.deploy(49440, at(Y, "16:30"), "router: record each fallback attempt in the trace view",
                   ["src/router/fallback.ts", "src/router/trace.ts", "src/router/fallback.test.ts"])
    sp = Statuspage(now)
    son = sp.incident("anthropic", "s7o9n1e3t5y7", "Elevated errors on Claude Sonnet 4.6", at(Y, "19:30"),
                      at(Y, "20:15"), "Some requests to Claude Sonnet 4.6 fail with overloaded (529) errors.")
    lin = [linear_issue("GW-8411", "Fallback: streamed requests do not fail over on request_timeout",
                        "A streamed request whose first target exceeds request_timeout is answered 408 instead of "
                        "trying the next target. Non-streamed requests fail over as documented.",
                        "2031-10-10T10:00:00Z", state="Todo", labels=("bug", "router"))]
    # Martinet (Paris, CET UTC+1 since Sunday 26 October): a contract-analysis config
    # pc-martinet-analyse (fallback: Claude Sonnet 4.6 first, listing 429/500/502/503/504/529, then
    # gpt-4.1), not streamed, long prompts, office hours 07:00-18:00 UTC, 1% background errors; and a
    # press watch on gpt-4.1-mini. Yesterday evening 19:30-20:15 UTC, during Anthropic's Sonnet
    # incident, 35% of its requests answered 529 and were served by gpt-4.1 (fallback_used), three
    # hours after our router deploy at 16:30; Bouvreuil's single-target Sonnet config passed its 529s
    # on. From 08:10 UTC today (09:10 Paris) a quarter of pc-martinet-analyse's requests are answered
    # 400 context_length_exceeded and reach the client: the data room the ticket describes. The
    # fallbacks page: these never fail over, listed or not; a conditional config on prompt_tokens
    # sends them elsewhere. Nothing is wrong on our side: the router deploy, the evening incident
    # (over, and the fallback worked through it) and the streamed-timeout bug (not streamed, no
    # timeout) are bystanders. A plain question from Hulotte on EU data residency, answered from its
    # page.
    streams = [cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=10, p50=9000,
                            p95=22000, prompt=40000, completion=1500, error_rate=0.01, config_id="pc-martinet-analyse",
                            key="vk-martinet-dossiers", sdk="portkey-python/1.33.0",
                            metadata={"pratique": "fusions-acquisitions"}), 7, 18, 0.3),
               cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=8, p50=700, p95=1700, error_rate=0.01,
                            config_id="pc-martinet-veille", key="vk-martinet-veille", sdk="portkey-python/1.33.0"),
                     7, 18, 0.3),
               stream(b["id"], model="gpt-4.1", per_minute=6, p50=1600, p95=3600, config_id="pc-hulotte-correction"),
               stream(c["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=5, p50=2300, p95=5400,
                      config_id="pc-bouvreuil-comptes-rendus")]
    an = [errors(at(Y, "19:30"), at(Y, "20:15"), {"config_id": "pc-martinet-analyse"}, 0.35, 529,
                 "provider_overloaded", {"provider": "openai", "model": "gpt-4.1"}),
          errors(at(Y, "19:30"), at(Y, "20:15"), {"config_id": "pc-bouvreuil-comptes-rendus"}, 0.35, 529,
                 "provider_overloaded"),
          errors(at(D, "08:10"), None, {"config_id": "pc-martinet-analyse"}, 0.25, 400, "context_length_exceeded")]
    cfg = [config("pc-martinet-analyse", a["id"], "analyse",
                  [target("vk-martinet-anthropic", "claude-sonnet-4-6", 60000, [429, 500, 502, 503, 504, 529]),
                   target("vk-martinet-openai", "gpt-4.1", 60000)], mode="fallback", updated="2031-05-12T09:00:00Z"),
           one_target("pc-martinet-veille", a, "veille", "vk-martinet-openai", "gpt-4.1-mini", 30000),
           one_target("pc-hulotte-correction", b, "correction", "vk-hulotte-openai", "gpt-4.1", 60000),
           one_target("pc-bouvreuil-comptes-rendus", c, "comptes-rendus", "vk-bouvreuil-anthropic", "claude-sonnet-4-6",
                      60000)]
    t = [mail_ticket(49401, a, "Le repli vers GPT-4.1 ne se déclenche pas (erreurs 400)",
                     "Bonjour,\n\nDepuis ce matin 9h10 environ (heure de Paris), une partie de nos analyses de contrats "
                     "échoue avec une erreur 400, et le repli prévu dans notre configuration (pc-martinet-analyse : "
                     "Claude Sonnet 4.6 en premier, GPT-4.1 en secours) ne se déclenche jamais. Nous avons commencé ce "
                     "matin la revue d'une data room pour une opération, avec des documents bien plus volumineux que "
                     "d'habitude.\n\nExemple de réponse :\n```\nHTTP/1.1 400 Bad Request\n{\"error\":{\"code\":"
                     "\"context_length_exceeded\",\"message\":\"prompt is too long: 231442 tokens > 200000 "
                     "maximum\"}}\n```\n\nNous avons vu dans votre journal des modifications qu'un changement a été "
                     "apporté hier au routeur de repli. Est-ce lié ? Faut-il simplement ajouter 400 dans "
                     "on_status_codes ? GPT-4.1 accepterait ces documents sans difficulté, c'est précisément pour cela "
                     "que nous l'avons mis en secours.\n\nMerci de votre aide, le dossier est urgent.\n\nBien "
                     "cordialement,\nHélène Marchand\nResponsable informatique – Martinet Avocats",
                     at(D, "09:50"), "Hélène Marchand", priority="high")]
    q = [question(49402, b, at(D, "08:40"), "Hébergement des journaux dans l'UE ?",
                  "Bonjour,\n\nNotre service juridique demande si les journaux de requêtes peuvent être stockés "
                  "uniquement dans l'Union européenne. Est-ce possible avec notre offre Scale, et comment "
                  "l'activer pour une organisation qui existe déjà ?\n\nMerci,\nLucas Dubois", person="Lucas Dubois")]
    # 400 context_length_exceeded is documented as never failing over, and the same config failed
    # over on 529 after the router deploy: expected_behavior, cited with the fallbacks page and the
    # config. Bystanders: the router deploy, the evening incident, the streamed-timeout bug.
    return scenario("", "fallback-context-length-400-documented-paris-winter-french",
                    "French ticket (Paris, back on CET UTC+1 two days before; blames our router deploy of the day "
                    "before, asks whether to list 400): from 08:10 UTC a quarter of the org's fallback config's Claude "
                    "requests are answered 400 context_length_exceeded with a data-room review and reach the client, "
                    "which the fallbacks page says never fails over, listed or not (expected_behavior); the same "
                    "config failed over to gpt-4.1 on 529 through an Anthropic incident the evening before, after the "
                    "router deploy. The router deploy, that incident and a streamed-timeout bug are bystanders among "
                    "18 routine deploys. Beside it, a French plain question on EU data residency answered from its "
                    "page.",
                    now, CO, [a, b, c], start, 49401, streams, an, t,
                    {49401: truth("fallback", "expected_behavior",
                                  ["docs:docs/routing/fallbacks.md", "config:pc-martinet-analyse"],
                                  [f"github:deployment:{rt}", son, "linear:issue:GW-8411"],
                                  ["400", "context_length_exceeded"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_FALLBACKS_400, DOC_RESIDENCY],
                    questions=q, answers={49402: ["docs:docs/account/data-residency.md"]})


# ---------------------------------------------------------------------------------------------
# 5. token-billing, Brazilian Portuguese (São Paulo), two causes
# ---------------------------------------------------------------------------------------------

DOC_INVOICES_CACHED = doc("docs/billing/invoices.md", "Invoices",
                          "# Invoices\n\nUsage is invoiced per UTC day (00:00-24:00 UTC). The metered quantity is "
                          "`prompt_tokens - cached_tokens + completion_tokens` summed over every request of the day, "
                          "on every route (`/v1/chat/completions`, `/v1/responses`, `/v1/embeddings`). Input tokens "
                          "the provider read from its prompt cache (`cached_tokens` in the request logs) are not "
                          "billed: a workload with a high cache share sees an invoice below the sum of its prompt "
                          "and completion tokens. This is expected.\n")
DOC_METER_DELAYS = doc("docs/billing/meter-delays.md", "Meter delays",
                       "# Meter delays\n\nMeter events usually reach Stripe within a minute. During an incident "
                       "they can be delayed by up to an hour; delayed events are not lost. The daily invoice is "
                       "finalised four hours after the end of the UTC day and includes them.\n")


def billing_responses_meter_dropped_and_cache_pt():
    """Two causes: our metering deploy sends no meter event for /v1/responses from 13:05 UTC (the
    invoice misses those tokens), and the customer's sum includes cached input tokens, which are
    not billed as documented."""
    D, now = "2031-10-14", "2031-10-15T05:40:00Z"
    a = org("org_pirarucu", "Pirarucu Pagamentos", "pirarucu.com.br", "enterprise")
    b = org("org_tambaqui", "Tambaqui Varejo", "tambaquivarejo.com.br", "scale")
    c = org("org_seriema", "Seriema Saúde", "seriemasaude.com.br", "growth")
    start = at(D, "00:00")
    gh = github(CO, 49501, start, now, 19)
    bad = gh.deploy(49540, at(D, "13:03"), "metering: one usage extractor for every route",
                    ["src/billing/usage/extract.ts", "src/billing/usage/routes.ts", "src/billing/usage/extract.test.ts"],
                    message="metering: read usage from the top-level `usage` of every response body (#7755)")
    pdf = gh.deploy(49541, at(D, "12:20"), "invoices: pt-BR invoice PDF template",
                    ["src/billing/invoice-pdf.ts", "src/billing/locales/pt-BR.ts"])
    pd = [pd_incident("PMTR1014", 11014, "Meter event submission lag above 10 minutes", at(D, "03:10"), at(D, "03:35"),
                      "Billing meters")]
    lin = [linear_issue("GW-8511", "Usage page: cached tokens included in the Input column",
                        "The usage page's Input column adds cached tokens; meters and invoices exclude them as "
                        "documented.", "2031-10-02T10:00:00Z", state="Todo", labels=("bug", "usage-ui"))]
    # Pirarucu (São Paulo, BRT UTC-3): a support chat on gpt-4.1-mini (/v1/chat/completions, 40% of
    # the prompt read from the cache), a collections assistant on gpt-4.1 through /v1/responses (30%
    # cached) and a fraud screen on Claude Haiku (no cache). One meter: prompt - cached + completion,
    # per UTC day. Deploy #49540 at 13:03 UTC reads usage from the top-level `usage` of each response
    # body, which /v1/responses bodies do not have: from 13:05 no meter event is sent for any
    # /v1/responses request (Tambaqui's too). in_1Pirarucu1014 (UTC day 14 October) misses the
    # billable tokens of the org's /v1/responses requests after 13:05, a third or more of that
    # route's day, some 10-15 M tokens (primary). The customer's reconciliation sums prompt +
    # completion of every request, cached included (about 96 M); the cached input tokens the invoices
    # page says are not billed are some 24 M more of its gap, which comes to more than a third in all,
    # as the ticket says (secondary). The pt-BR PDF deploy at 12:20
    # (the customer's guess), the meter-lag page of 03:10 (delayed, not lost), the meter-delays page
    # and the usage-page bug are bystanders.
    streams = [stream(a["id"], model="gpt-4.1-mini", per_minute=12, p50=800, p95=1900, prompt=2000, completion=300,
                      cached=0.4, error_rate=0.01, config_id="pc-pirarucu-atendimento", key="vk-pirarucu-app",
                      sdk="portkey-python/1.33.0", metadata={"servico": "atendimento"}),
               stream(a["id"], route="/v1/responses", model="gpt-4.1", per_minute=8, p50=2200, p95=5200, prompt=3000,
                      completion=600, cached=0.3, error_rate=0.01, config_id="pc-pirarucu-cobranca",
                      key="vk-pirarucu-cobranca", sdk="portkey-node/2.19.0", metadata={"servico": "cobranca"}),
               stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=6, p50=600, p95=1500,
                      prompt=1500, completion=200, error_rate=0.01, config_id="pc-pirarucu-antifraude",
                      key="vk-pirarucu-risco", sdk="portkey-python/1.33.0", metadata={"servico": "antifraude"}),
               stream(b["id"], route="/v1/responses", model="gpt-4.1-mini", per_minute=5, p50=900, p95=2100,
                      config_id="pc-tambaqui-vitrine", sdk="portkey-node/2.19.0"),
               stream(c["id"], per_minute=4, config_id="pc-seriema-laudos")]
    cfg = [one_target("pc-pirarucu-atendimento", a, "atendimento", "vk-pirarucu-openai", "gpt-4.1-mini", 30000),
           one_target("pc-pirarucu-cobranca", a, "cobranca", "vk-pirarucu-openai", "gpt-4.1", 60000),
           one_target("pc-pirarucu-antifraude", a, "antifraude", "vk-pirarucu-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-tambaqui-vitrine", b, "vitrine", "vk-tambaqui-openai", "gpt-4.1-mini", 30000),
           one_target("pc-seriema-laudos", c, "laudos", "vk-seriema-openai", "gpt-4o", 30000)]
    bill = {"meter": "llm_tokens", "unit": "tokens", "counts": ["prompt_tokens", "completion_tokens"],
            "cached_tokens": "excluded", "unit_amount_decimal": "0.0002",
            "faults": [{"kind": "dropped", "from": at(D, "13:05"), "to": None, "match": {"route": "/v1/responses"}}],
            "invoices": [{"id": "in_1Pirarucu1014", "org": a["id"], "status": "open", "from": at(D, "00:00"),
                          "to": "2031-10-15T00:00:00Z"}]}
    t = [ticket(49501, a, "Fatura de 14/10 bem abaixo do nosso consumo - vai ser cobrado depois?",
                "Olá, time da Relay.\n\nAqui é do plantão de plataforma da Pirarucu Pagamentos. Nosso job de "
                "conciliação da madrugada acabou de disparar um alerta: a fatura de ontem, 14/10 "
                "(in_1Pirarucu1014), veio mais de um terço abaixo do que somamos nos nossos logs (prompt_tokens + "
                "completion_tokens de todas as requisições do dia, em UTC).\n\nNão é reclamação, rs, mas "
                "precisamos provisionar o valor certo no fechamento:\n1. A diferença vai ser cobrada depois numa "
                "fatura de ajuste?\n2. Vocês mudaram alguma coisa na forma de contar? Vi no changelog um deploy das "
                "faturas em português ontem.\n3. Pode ter a ver com o cache de prompt? A gente usa bastante no "
                "atendimento e na cobrança.\n\nOs três serviços (atendimento, cobrança pela Responses API e "
                "antifraude) rodaram normalmente o dia inteiro, sem nenhuma mudança nossa.\n\nValeu!\nThiago "
                "Nascimento\nSRE · Pirarucu Pagamentos", "2031-10-15T05:20:00Z", "Thiago Nascimento")]
    # The invoice lacks the /v1/responses tokens after 13:05, two minutes after the deploy that changed
    # usage extraction (billing_pipeline, cited with the invoice and the deploy); the rest of the gap is
    # the cached input tokens the invoices page says are not billed (secondary expected_behavior).
    return scenario("", "token-billing-responses-meter-dropped-and-cache-excluded-portuguese",
                    "Brazilian Portuguese question-form ticket from an on-call engineer (São Paulo, 02:20 BRT, UTC-3) "
                    "whose reconciliation finds invoice in_1Pirarucu1014 more than a third below its sum of prompt and "
                    "completion tokens, two causes: metering deploy #49540 at 13:03 UTC reads usage where "
                    "/v1/responses bodies have none, so from 13:05 no meter event is sent for any /v1/responses "
                    "request and the invoice misses those tokens (billing_pipeline); the rest of the gap is the "
                    "cached input tokens the invoices page says are not billed (secondary expected_behavior). A "
                    "pt-BR invoice-PDF deploy, a meter-lag page, the meter-delays page and a usage-page bug are "
                    "bystanders among 19 routine deploys.",
                    now, CO, [a, b, c], start, 49501, streams, [], t,
                    {49501: truth("token-billing", "billing_pipeline",
                                  ["stripe:invoice:in_1Pirarucu1014", f"github:deployment:{bad}"],
                                  [f"github:deployment:{pdf}", "pagerduty:incident:PMTR1014", "linear:issue:GW-8511",
                                   "docs:docs/billing/meter-delays.md"],
                                  ["in_1Pirarucu1014", "/v1/responses"],
                                  [secondary("expected_behavior", ["docs:docs/billing/invoices.md"])])},
                    github=gh, configs=cfg, billing=bill, linear=lin, pagerduty=pd,
                    docs=[DOC_INVOICES_CACHED, DOC_METER_DELAYS])


# ---------------------------------------------------------------------------------------------
# 6. webhook-failures, English (Chicago, CDT), customer_endpoint, long and rambling
# ---------------------------------------------------------------------------------------------

DOC_SIGNING = doc("docs/webhooks/signatures.md", "Verifying webhook signatures",
                  "# Verifying webhook signatures\n\nEvery delivery carries `x-relay-signature`, an HMAC-SHA256 of "
                  "the body with your endpoint's signing secret. Since 30 October 2031 deliveries also carry "
                  "`x-relay-signature-v2` (Ed25519, verified with our public key); it is additional, and receivers "
                  "that verify the HMAC header need not change.\n\n## Rotating the secret\n\nWhen you rotate the "
                  "secret (Settings → Webhooks → Rotate), deliveries are signed with the new secret from that "
                  "moment. Every receiver must verify with it: a receiver that reads the secret once at start-up "
                  "keeps the old one until it restarts and answers 401 to every delivery. To rotate without a gap, "
                  "choose **Rotate with overlap**: for 24 hours the header carries two signatures, one per secret.\n")
DOC_RETRIES = doc("docs/webhooks/delivery.md", "Webhook delivery",
                  "# Webhook delivery\n\nA delivery succeeds when the endpoint answers 2xx within 10 seconds. "
                  "Anything else fails and is retried five times over about eight hours. After the last attempt "
                  "the event stays in the delivery log for 30 days, where it can be redelivered by hand or in "
                  "bulk.\n")
DOC_SOURCE_IPS = doc("docs/webhooks/ip-addresses.md", "Webhook source addresses",
                     "# Webhook source addresses\n\nDeliveries come from 203.0.113.40-203.0.113.43. "
                     "If a firewall sits in front of your endpoint, allow "
                     "these addresses.\n")


def webhook_secret_rotation_stale_receiver_en():
    """The org rotated its signing secret at about 14:00 UTC; its audit receiver keeps the old one
    and answers 401 to every delivery from 14:02; its orders receiver and every other org's endpoint
    answer 200, also after our v2-signature deploy at 13:40."""
    Y, D, now = "2031-10-29", "2031-10-30", "2031-10-30T18:30:00Z"
    a = org("org_walleye", "Walleye Commerce", "walleyecommerce.com", "scale")
    b = org("org_badger", "Badger Mutual Insurance", "badgermutual.com", "enterprise")
    c = org("org_muskie", "Muskie Media", "muskiemedia.com", "growth")
    start = "2031-10-29T16:00:00Z"
    gh = github(CO, 49601, start, now, 21)
    v2 = gh.deploy(49640, at(D, "13:40"), "webhooks: send x-relay-signature-v2 (ed25519) beside the v1 HMAC header",
                   ["src/webhooks/sign.ts", "src/webhooks/sign-v2.ts", "src/webhooks/sign.test.ts"])
    pd = [pd_incident("PWHK1029", 11029, "webhook-worker queue lag above 5 minutes", at(Y, "22:10"), at(Y, "22:40"),
                      "Webhooks")]
    lin = [linear_issue("GW-8611", "Webhook retries ignore the endpoint's Retry-After header",
                        "When an endpoint answers 429 or 503 with Retry-After, the next attempt follows our own "
                        "backoff instead.", "2031-10-15T10:00:00Z", state="Todo", labels=("bug", "webhooks"))]
    # Walleye (Chicago, CDT UTC-5 until 2 November): product descriptions on gpt-4.1-mini in office
    # hours and a support bot on Claude Haiku. Two endpoints: the orders enrichment receiver
    # hooks.walleyecommerce.com (request.completed, request.failed) and the audit logger
    # audit.walleyecommerce.com (request.completed, request.failed, budget.exceeded). The ticket says
    # the signing secret was rotated "right around 9" Central (14:00 UTC). From 14:02 UTC the audit
    # logger answers 401 (signature_rejected) to every delivery; the orders receiver answers 200 all
    # day, as do Badger's and Muskie's verifying endpoints, before and after our v2 header deploy at
    # 13:40 (08:40 CDT), which adds a header and changes nothing else. The signatures page: a receiver
    # that read the secret at start-up answers 401 until it restarts; rotate with overlap to avoid
    # it. The queue-lag page the evening before (delayed, not failed), the Retry-After bug and the
    # source-addresses page are bystanders.
    streams = [cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=12, p50=700, p95=1700,
                            config_id="pc-walleye-catalog", key="vk-walleye-app", sdk="portkey-node/2.19.0"),
                     13, 23, 0.3),
               stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=6, p50=600, p95=1500,
                      config_id="pc-walleye-support", key="vk-walleye-app", sdk="portkey-node/2.19.0"),
               stream(b["id"], model="gpt-4.1", per_minute=8, p50=1500, p95=3400, config_id="pc-badger-claims"),
               stream(c["id"], per_minute=4, config_id="pc-muskie-captions")]
    cfg = [one_target("pc-walleye-catalog", a, "catalog", "vk-walleye-openai", "gpt-4.1-mini", 30000),
           one_target("pc-walleye-support", a, "support", "vk-walleye-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-badger-claims", b, "claims", "vk-badger-openai", "gpt-4.1", 60000),
           one_target("pc-muskie-captions", c, "captions", "vk-muskie-openai", "gpt-4o", 30000)]
    orders = "https://hooks.walleyecommerce.com/relay/orders"
    audit = "https://audit.walleyecommerce.com/relay/events"
    badger = "https://events.badgermutual.com/relay/webhooks"
    wh = hooks((a["id"], orders, ["request.completed", "request.failed"], 6, 140),
               (a["id"], audit, ["request.completed", "request.failed", "budget.exceeded"], 6, 180),
               (b["id"], badger, ["request.completed"], 4, 160),
               (c["id"], "https://api.muskiemedia.com/hooks/relay", ["request.completed"], 2, 120),
               anomalies=[failures(at(D, "14:02"), None, audit, 1.0, 401, "signature_rejected")])
    t = [ticket(49601, a, "Audit webhooks failing since this morning - your new signature header?",
                "Hi Relay team,\n\nSorry in advance, this is going to be long because I've been going back and forth "
                "on this all morning and I want to give you the full picture.\n\nWe run two webhook receivers: the "
                "orders enrichment service (hooks.walleyecommerce.com/relay/orders) and the audit logger "
                "(audit.walleyecommerce.com/relay/events), which our compliance team depends on for the SOC 2 "
                "evidence trail. Sometime after 9 this morning (Central) the audit logger started rejecting "
                "basically everything you send. Your dashboard shows every attempt to the audit URL as 401, and on "
                "our side the logger says this over and over:\n\n```\n2031-10-30T09:14:52-05:00 WARN audit-relay: "
                "signature mismatch for delivery dlv_7f3a91c2, rejecting (401)\n2031-10-30T09:14:53-05:00 WARN "
                "audit-relay: signature mismatch for delivery dlv_7f3a91c8, rejecting (401)\n```\n\nNow here's the "
                "thing. I saw in your changelog that you started sending a second signature header (v2, ed25519?) "
                "this morning around 8:40 our time, and my first thought was that our verifier picks up the new "
                "header and tries to check it as an HMAC. That would explain everything... except the orders "
                "service uses the exact same verification package (it's an internal lib we share) and it's been "
                "perfectly fine all day. So maybe the audit logger is on an older version of the package? I checked "
                "and it's one minor behind, I don't think anything changed in the verifier but I'm not 100% "
                "sure.\n\nAlso, in the interest of full disclosure, we did rotate the webhook signing secret this "
                "morning, right around 9, because our 90-day rotation came due. The new secret went into Vault "
                "immediately and both services read their config from Vault, so that should be fine. I'm only "
                "mentioning it because my manager asked me to.\n\nA few questions:\n1. Is the v2 header the "
                "problem, and can you turn it off for our org while we figure this out?\n2. Will the events that "
                "failed be redelivered once we fix whatever this is, or are they gone? We recieve alot of traffic "
                "right now with holiday prep and compliance is going to ask me about gaps in the audit trail.\n3. "
                "Is there a way to keep the old and new secret valid for a while when we rotate? Would've been "
                "nice today lol.\n\nThanks, and sorry again for the novel.\n\nDana Kowalski\nPlatform Engineering, "
                "Walleye Commerce", at(D, "18:10"), "Dana Kowalski")]
    # Only one endpoint of the org fails, every delivery, from the minutes after the org's own secret
    # rotation, while its other receiver and every other org's verifying endpoint accept the same
    # signatures after our header deploy: customer_endpoint, cited with the endpoint and the
    # signatures page.
    return scenario("", "webhook-failures-secret-rotation-stale-receiver-chicago-english",
                    "Long, rambling English ticket (Chicago, CDT UTC-5 while Europe is already on winter time; typos; "
                    "blames our v2 signature header, mentions its own secret rotation only in passing): from 14:02 "
                    "UTC the org's audit receiver answers 401 signature_rejected to every delivery after the org "
                    "rotated its signing secret at about 14:00, while its orders receiver and every other org's "
                    "verifying endpoint answer 200, also after our v2-signature deploy at 13:40 (customer_endpoint, "
                    "cited with the endpoint and the signatures page). The v2 deploy, a queue-lag page the evening "
                    "before, a Retry-After bug and the source-addresses page are bystanders among 21 routine "
                    "deploys.",
                    now, CO, [a, b, c], start, 49601, streams, [], t,
                    {49601: truth("webhook-failures", "customer_endpoint",
                                  [f"endpoint:{audit}", "docs:docs/webhooks/signatures.md"],
                                  [f"github:deployment:{v2}", "pagerduty:incident:PWHK1029", "linear:issue:GW-8611",
                                   "docs:docs/webhooks/ip-addresses.md", f"endpoint:{orders}"],
                                  ["401", "14:02"])},
                    github=gh, webhooks=wh, configs=cfg, linear=lin, pagerduty=pd,
                    docs=[DOC_SIGNING, DOC_RETRIES, DOC_SOURCE_IPS])


# ---------------------------------------------------------------------------------------------
# 7. metadata, English (Sydney, AEDT), known_bug, stale subject
# ---------------------------------------------------------------------------------------------

DOC_METADATA_PROVIDERS = doc("docs/observability/metadata.md", "Custom metadata",
                             "# Custom metadata\n\nSend metadata as a JSON object in the `x-portkey-metadata` header "
                             "or the SDK's `metadata` option. It is stored with the request log and forwarded to the "
                             "provider, whichever provider the config's targets use (OpenAI, Azure OpenAI, "
                             "Anthropic, Bedrock, Vertex AI). A config needs no setting for it; "
                             "`logging.store_metadata: false` is the only one that turns it off. Keys are case "
                             "sensitive, values at most 128 characters.\n")


def metadata_azure_known_bug_sydney_en():
    """A service moved from OpenAI to Azure OpenAI at 23:30 UTC (10:30 AEDT) and lost its metadata,
    as every org's Azure OpenAI requests have: a bug filed in Jira nine days before. The org's
    Claude service on the same SDK keeps its metadata."""
    Y, D, now = "2031-10-08", "2031-10-09", "2031-10-09T04:00:00Z"
    a = org("org_lorikeet", "Lorikeet Health", "lorikeethealth.com.au", "scale")
    b = org("org_galah", "Galah Travel", "galahtravel.com.au", "enterprise")
    c = org("org_echidna", "Echidna Labs", "echidnalabs.io", "growth")
    start = at(Y, "00:00")
    gh = github(CO, 49701, start, now, 16)
    chips = gh.deploy(49740, at(Y, "23:05"), "logs: metadata filter chips in the request log",
                      ["ui/logs/filters/metadata-chips.tsx", "ui/logs/filters/query.ts"])
    bug = jira_issue("GATE-917", 100917, "Azure OpenAI: custom metadata neither stored nor forwarded",
                     "Requests routed to Azure OpenAI targets are logged with metadata {} and their x-portkey-metadata "
                     "is not forwarded to Azure: since the deployment-URL refactor of 18 September the Azure request "
                     "builder starts from a fresh request context. Chat completions and embeddings alike, whatever "
                     "the SDK. Other providers are not affected.\n\nFirst reported by an enterprise customer on 29 "
                     "September. Fix in review.", "2031-09-30T02:15:00Z", status="In Progress",
                     labels=("bug", "metadata", "provider:azure-openai"))
    old = linear_issue("GW-8711", "Vertex AI: metadata dropped on streamed requests",
                       "Streamed requests to Vertex AI targets were logged without metadata. Fixed by copying the "
                       "request context into the stream relay.", "2031-09-02T10:00:00Z", state="Done",
                       labels=("bug", "metadata"), completed="2031-09-09T15:00:00Z")
    # Lorikeet (Sydney, AEDT UTC+11 since 5 October): a clinical notes summariser sending clinic_id and
    # note_type on every request, on OpenAI gpt-4.1 through pc-lorikeet-notes until 23:30 UTC on 8
    # October, then on Azure OpenAI gpt-4.1 through pc-lorikeet-notes-au (10:30 AEDT on 9 October; the
    # same SDK and code); a triage service on Claude Haiku with the same SDK and metadata. Every
    # azure-openai request in the window is logged with metadata {}: Lorikeet's notes from the switch
    # on, and Galah's itinerary service (portkey-python, another SDK) all along. GATE-917, filed in Jira
    # nine days before, describes exactly this. The notes kept their metadata on OpenAI until the
    # switch, and the triage service keeps it: not the SDK, not the code. The new config has no
    # logging setting (the metadata page: none is needed). The filter-chips deploy at 23:05 (dashboard
    # only, 25 minutes before the switch) and the Vertex bug fixed in September are bystanders.
    sdk = "portkey-node/2.19.0"
    notes_meta = {"clinic_id": "cl-0412", "note_type": "consult"}
    streams = [stream(a["id"], model="gpt-4.1", per_minute=10, p50=2500, p95=6000, prompt=3500, completion=500,
                      config_id="pc-lorikeet-notes", key="vk-lorikeet-clinical", sdk=sdk, metadata=notes_meta),
               stream(a["id"], provider="azure-openai", model="gpt-4.1", per_minute=10, p50=2600, p95=6200,
                      prompt=3500, completion=500, config_id="pc-lorikeet-notes-au", key="vk-lorikeet-clinical",
                      sdk=sdk, metadata=notes_meta),
               stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=6, p50=600, p95=1500,
                      config_id="pc-lorikeet-triage", key="vk-lorikeet-triage", sdk=sdk,
                      metadata={"clinic_id": "cl-0412", "queue": "triage"}),
               stream(b["id"], provider="azure-openai", model="gpt-4.1-mini", per_minute=8, p50=800, p95=1900,
                      config_id="pc-galah-itineraries", sdk="portkey-python/1.33.0", metadata={"market": "nz"}),
               stream(c["id"], per_minute=4, config_id="pc-echidna-copilot", sdk="portkey-python/1.33.0",
                      metadata={"env": "prod"})]
    an = [volume(start, at(Y, "23:30"), {"config_id": "pc-lorikeet-notes-au"}, 0.0),
          volume(at(Y, "23:30"), None, {"config_id": "pc-lorikeet-notes"}, 0.0),
          metadata_dropped(start, None, {"provider": "azure-openai"})]
    au = config("pc-lorikeet-notes-au", a["id"], "notes-au", [target("vk-lorikeet-azure-aue", "gpt-4.1", 60000)],
                updated=at(Y, "23:12"))
    au["created_at"] = at(Y, "23:10")
    cfg = [one_target("pc-lorikeet-notes", a, "notes", "vk-lorikeet-openai", "gpt-4.1", 60000), au,
           one_target("pc-lorikeet-triage", a, "triage", "vk-lorikeet-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-galah-itineraries", b, "itineraries", "vk-galah-azure", "gpt-4.1-mini", 30000),
           one_target("pc-echidna-copilot", c, "copilot", "vk-echidna-openai", "gpt-4o", 30000)]
    t = [ticket(49701, a, "Re: Enterprise plan quote for Lorikeet Health",
                "Hi again,\n\nReplying here since I already have you - different topic though.\n\nThis morning at "
                "10:30 (Sydney time) we cut our clinical notes summariser over from OpenAI to Azure OpenAI in "
                "Australia East for data residency (new config pc-lorikeet-notes-au). The requests work fine, but "
                "since the switch none of them have any metadata in your request logs - no clinic_id, no note_type, "
                "the column just shows {}. We rely on clinic_id to split costs across clinics at month end.\n\nSame "
                "code, same SDK (portkey-node 2.19.0), we only swapped the config id. Our triage service (Claude "
                "Haiku, same SDK, same way of passing metadata) still shows everything. Is there a flag we missed on "
                "the Azure config? We copied the old config and changed the provider and the virtual key, nothing "
                "else.\n\nCheers,\nOliver Tran\nEngineering Lead, Lorikeet Health\n\nOn Fri, 3 Oct 2031 at 11:02, "
                "Relay Sales <sales@relay.ai> wrote:\n> Hi Oliver,\n> thanks for the call today. As discussed, "
                "attached is the quote for the Enterprise plan\n> (annual, 12 seats, BAA included). Let me know if "
                "you have any questions.\n> Best, Priya", at(D, "03:40"), "Oliver Tran")]
    # Every org's Azure OpenAI requests lack metadata, whatever the SDK, the org's other providers keep
    # it, and a filed bug describes exactly that: known_bug, cited with the issue and the provider.
    # Bystanders: the filter-chips deploy, the fixed Vertex bug, the org's triage config.
    return scenario("", "metadata-azure-known-bug-stale-subject-sydney-english",
                    "English ticket under a stale sales-quote subject with the quoted reply (Sydney, AEDT UTC+11; "
                    "'this morning at 10:30' is 23:30 UTC the day before; asks whether its new config lacks a flag): "
                    "the org's notes service moved from OpenAI to Azure OpenAI at 23:30 UTC and lost its metadata, "
                    "as every org's Azure OpenAI requests have whatever the SDK, a bug filed in Jira nine days before "
                    "(GATE-917), while its Claude triage service on the same SDK keeps its metadata (known_bug). A "
                    "filter-chips dashboard deploy 25 minutes before the switch and a fixed Vertex metadata bug are "
                    "bystanders among 16 routine deploys.",
                    now, CO, [a, b, c], start, 49701, streams, an, t,
                    {49701: truth("metadata", "known_bug", ["jira:issue:GATE-917", "provider:azure-openai"],
                                  [f"github:deployment:{chips}", "linear:issue:GW-8711", "config:pc-lorikeet-triage"],
                                  ["Azure"])},
                    github=gh, configs=cfg, linear=[old], jira=[bug], docs=[DOC_METADATA_PROVIDERS])


# ---------------------------------------------------------------------------------------------
# 8. api-errors, rioplatense Spanish (Buenos Aires), rate_limited, very short, with a question
# ---------------------------------------------------------------------------------------------

DOC_TPM = doc("docs/limits/rate-limits.md", "Rate limits",
              "# Rate limits\n\nEach organisation has a tokens-per-minute (TPM) budget for all its configs and "
              "keys: growth 100k, scale 150k, enterprise by contract. A request is charged when it starts with "
              "its prompt tokens plus its `max_tokens` (the most it may produce), and the charge is corrected to "
              "the tokens used when it ends. A config with a large `max_tokens` therefore fills the budget with "
              "reservations while the tokens actually used, as the usage page shows them, stay far below it. "
              "Requests beyond the budget are answered 429 with `error_code: rate_limited` and a `retry-after` "
              "header. Set `max_tokens` close to the longest answer you expect.\n")
DOC_KEY_BUDGETS = doc("docs/limits/budgets.md", "Budgets on virtual keys",
                      "# Budgets on virtual keys\n\nEach virtual key may have a monthly budget in USD (Settings → "
                      "Virtual keys → Budget), with an alert at a share of it you choose. When the budget is spent, "
                      "requests on that key are refused 402 with `error_code: budget_exceeded` until the next month "
                      "or until you raise it. Budgets are available on every plan; give each team its own virtual "
                      "key to give it its own budget.\n")


def api_errors_max_tokens_reservation_short_es():
    """Three-line ticket: 429 on every config of the org from 17:45 UTC, three minutes after a config
    was saved with max_tokens 16000, which the org's TPM budget reserves up front. Beside it, a plain
    question in Portuguese about key budgets."""
    D, now = "2031-09-30", "2031-09-30T19:00:00Z"
    a = org("org_carancho", "Carancho Fintech", "caranchofintech.com.ar", "scale")
    b = org("org_mulita", "Mulita Salud", "mulitasalud.com.ar", "enterprise")
    c = org("org_bemtevi", "Bem-te-vi Educação", "bemtevi.com.br", "growth")
    start = "2031-09-29T20:00:00Z"
    gh = github(CO, 49801, start, now, 14)
    hdr = gh.deploy(49840, at(D, "17:20"), "limits: x-ratelimit-reset-tokens header on every response",
                    ["src/limits/headers.ts", "src/limits/headers.test.ts"])
    sp = Statuspage(now)
    o429 = sp.incident("openai", "r4l6m8t0k2s4", "Elevated rate limit errors on GPT-4.1 mini", at(D, "12:10"),
                       at(D, "12:50"), "Some organizations receive unexpected 429 errors on GPT-4.1 mini.")
    lin = [linear_issue("GW-8811", "Rate limiter: 429 message says 'requests per minute' for token budgets",
                        "The message of an org-budget 429 reads 'requests per minute exceeded' although the budget "
                        "counts tokens. Wording only.", "2031-09-18T10:00:00Z", state="Todo",
                        labels=("bug", "limits"))]
    # Carancho (Buenos Aires, ART UTC-3, scale plan: 150k tokens a minute for the org): bank-statement
    # extraction pc-carancho-extractos on gpt-4.1-mini (10 a minute, about 2,500 + 400 tokens) and a
    # support bot pc-carancho-soporte on Claude Haiku (max_tokens 1024), office hours 12:00-23:00 UTC.
    # Tokens used: about 40k a minute. pc-carancho-extractos was saved at 17:42 UTC (14:42 ART) with
    # max_tokens 16000: each request now reserves about 18,500 tokens, some 185k a minute for that
    # config alone, above the org's 150k. From 17:45 40% of the org's requests on both configs are
    # answered 429 rate_limited; Mulita and Bem-te-vi get none. The rate-limits page describes the
    # reservation. The limits-header deploy at 17:20 changed headers and nothing was refused in the 25
    # minutes after it nor for any other org; OpenAI's 429 incident on gpt-4.1-mini was 12:10-12:50
    # (every org's gpt-4.1-mini, over, and never the Claude config); the 429 wording bug and the key
    # budgets page (402, not 429) are bystanders. Bem-te-vi's plain question is answered from the
    # budgets page.
    streams = [cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=10, p50=900, p95=2100, prompt=2500, completion=400,
                            error_rate=0.01, config_id="pc-carancho-extractos", key="vk-carancho-core",
                            sdk="portkey-python/1.33.0"), 12, 23, 0.3),
               cycle(stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=6, p50=600, p95=1500,
                            prompt=1500, completion=300, error_rate=0.01, config_id="pc-carancho-soporte",
                            key="vk-carancho-core", sdk="portkey-python/1.33.0"), 12, 23, 0.3),
               stream(b["id"], model="gpt-4.1-mini", per_minute=8, p50=800, p95=1900, config_id="pc-mulita-turnos"),
               stream(c["id"], per_minute=4, config_id="pc-bemtevi-tutor")]
    an = [rate_limited(at(D, "12:10"), at(D, "12:50"), {"model": "gpt-4.1-mini"}, 0.3),
          rate_limited(at(D, "17:45"), None, {"org": a["id"]}, 0.4)]
    ext = config("pc-carancho-extractos", a["id"], "extractos",
                 [{"virtual_key": "vk-carancho-openai", "override_params": {"model": "gpt-4.1-mini", "max_tokens": 16000},
                   "request_timeout": 30000}], updated=at(D, "17:42"))
    sop = config("pc-carancho-soporte", a["id"], "soporte",
                 [{"virtual_key": "vk-carancho-anthropic",
                   "override_params": {"model": "claude-haiku-4-5", "max_tokens": 1024}, "request_timeout": 20000}],
                 updated="2031-07-21T14:00:00Z")
    cfg = [ext, sop,
           one_target("pc-mulita-turnos", b, "turnos", "vk-mulita-openai", "gpt-4.1-mini", 30000),
           one_target("pc-bemtevi-tutor", c, "tutor", "vk-bemtevi-openai", "gpt-4o", 30000)]
    t = [mail_ticket(49801, a, "429 sin estar cerca del límite??",
                "Desde las 14:45 (hora de BA) nos tiran 429 en todo, extractos y soporte. El panel dice q usamos "
                "45k de 150k tokens/min. Nadie tocó nada. ¿Qué onda?\n\nNico - Carancho", at(D, "18:05"),
                "Nicolás Ferrari", priority="high")]
    q = [question(49802, c, at(D, "16:30"), "Orçamento por chave virtual",
                  "Oi, pessoal!\n\nDá para definir um limite de gasto mensal por chave virtual? Queremos separar o "
                  "orçamento de cada squad. Se der, onde configura?\n\nObrigada,\nLuana Prado", person="Luana Prado")]
    # 429 on every config of the org from three minutes after one config's max_tokens became large
    # enough that its reservations alone exceed the org's budget, and nobody else's: rate_limited,
    # cited with the config and the rate-limits page. Bystanders: the header deploy, the morning's
    # OpenAI 429 incident, the wording bug, the key-budgets page.
    return scenario("", "api-errors-max-tokens-reservation-short-buenos-aires-spanish",
                    "Three-line rioplatense Spanish ticket (Buenos Aires, ART UTC-3, 'nobody touched anything', the "
                    "dashboard shows 45k of 150k tokens a minute): from 17:45 UTC 40% of the org's requests on both "
                    "of its configs are refused 429 rate_limited, three minutes after pc-carancho-extractos was saved "
                    "with max_tokens 16000, which the org's tokens-per-minute budget reserves up front as the "
                    "rate-limits page says (rate_limited). A limits-header deploy at 17:20, OpenAI's gpt-4.1-mini 429 "
                    "incident that morning, a 429-wording bug and the key-budgets page are bystanders among 14 routine "
                    "deploys. Beside it, a Portuguese plain question on key budgets answered from that page.",
                    now, CO, [a, b, c], start, 49801, streams, an, t,
                    {49801: truth("api-errors", "rate_limited",
                                  ["config:pc-carancho-extractos", "docs:docs/limits/rate-limits.md"],
                                  [f"github:deployment:{hdr}", o429, "linear:issue:GW-8811",
                                   "docs:docs/limits/budgets.md"],
                                  ["429", "max_tokens"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_TPM, DOC_KEY_BUDGETS],
                    questions=q, answers={49802: ["docs:docs/limits/budgets.md"]})


ALL = [api_errors_bedrock_profile_deploy_and_o4_mini_de, latency_sync_guardrail_config_ja,
       routing_streamed_claude_known_bug_es, fallback_context_length_documented_fr,
       billing_responses_meter_dropped_and_cache_pt, webhook_secret_rotation_stale_receiver_en,
       metadata_azure_known_bug_sydney_en, api_errors_max_tokens_reservation_short_es]

if __name__ == "__main__":
    write_all(ALL)
