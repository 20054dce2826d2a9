#!/usr/bin/env python3
"""Ten more library scenarios written after the engine, as real support mail over data shaped like
real accounts, in April (Europe and the US on summer time, Sydney just back on standard time):
European Portuguese (Lisbon), French (Paris; Montréal), Japanese, Spanish (Mexico City, Madrid)
and German tickets beside English ones from US Pacific and Central time and from Sydney, with
greetings, signatures, quoted threads, stale subjects, typos, pasted log lines with UTC offsets,
curl output and the customer's own wrong theory. The data has big orgs with a 2.5-3% background
error rate, office-hours cycles, several configs, keys, SDKs or webhook endpoints per org where
only one is used by what fails, 12-24 routine deploys around a tempting one, incidents on a
provider's other product or model at the same minutes, two causes at once (a provider outage
beside the org's own rate limit; a config edit beside a known adapter bug), a fallback that
worked as designed and a noisy org with nothing wrong.

Every truth below is read from the data declared next to it (anomalies, configs, billing faults,
deploys, incidents), written before any engine ran on these files. Run it to rewrite the JSON."""
from compose import *  # noqa: F401,F403
from scenarios_fresh import cycle, hooks

CO = {"name": "Relay AI", "github_repo": "relay-ai/gateway"}


def api_errors_outage_and_limit_pt():
    D, now = "2027-04-06", "2027-04-06T15:00:00Z"
    a = org("org_gaivota", "Gaivota Seguros", "gaivota-seguros.pt", "scale")
    b = org("org_hera", "Hera Labs", "heralabs.io", "growth")
    c = org("org_irati", "Irati Saúde", "irati-saude.com.br", "enterprise")
    gh = github(CO, 16001, "2027-04-05T10:00:00Z", now, 18)
    night = gh.deploy(16040, "2027-04-05T21:30:00Z", "router: new retry policy for upstream 5xx",
                      ["src/router/retry.ts", "src/router/policy.ts"])
    near = gh.deploy(16041, at(D, "09:02"), "dashboard: error-code filter on the logs page", ["ui/logs/filters.tsx"])
    sp = Statuspage(now)
    inc = sp.incident("openai", "g4h6j8k0l2m4", "Elevated error rates on GPT-4.1", at(D, "09:05"), at(D, "10:45"),
                      "We are seeing elevated 503 errors on requests to GPT-4.1.")
    rt = sp.incident("openai", "q1w3e5r7t9y1", "Realtime API sessions disconnecting", at(D, "08:50"), at(D, "10:10"),
                     "Some Realtime API sessions disconnect after a few seconds.", component="Realtime API")
    # Two causes for Gaivota: gpt-4.1 answers 503 to 55% of every org's requests 09:10-10:40 with
    # OpenAI's GPT-4.1 incident (~1,000 of Gaivota's, primary; Hera's gpt-4.1 too); and Gaivota's
    # own re-indexing job multiplies its /v1/embeddings traffic by 4 from 09:40, 30% of it refused
    # 429 rate_limited (~430, secondary). The Claude triage config and Irati's traffic are fine.
    # Irati is a big org with a 3% background error rate and an office-hours cycle.
    streams = [stream(a["id"], model="gpt-4.1", per_minute=20, p50=1100, p95=2600, config_id="pc-gaivota-sinistros",
                      key="vk-gaivota-main"),
               stream(a["id"], route="/v1/embeddings", model="text-embedding-3-small", per_minute=6, p50=110,
                      p95=260, prompt=700, completion=0, config_id="pc-gaivota-indexacao", key="vk-gaivota-main"),
               stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=8, p50=450, p95=1000,
                      config_id="pc-gaivota-triagem", key="vk-gaivota-main"),
               stream(b["id"], model="gpt-4.1", per_minute=8, p50=1100, p95=2600, config_id="pc-hera-agents"),
               cycle(stream(c["id"], per_minute=16, p50=900, p95=2200, error_rate=0.03,
                            config_id="pc-irati-atendimento"), 11, 21, 0.3)]
    an = [errors(at(D, "09:10"), at(D, "10:40"), {"model": "gpt-4.1"}, 0.55, 503, "provider_unavailable"),
          volume(at(D, "09:40"), at(D, "10:40"), {"config_id": "pc-gaivota-indexacao"}, 4.0),
          rate_limited(at(D, "09:40"), at(D, "10:40"), {"config_id": "pc-gaivota-indexacao"}, 0.3)]
    cfg = [one_target("pc-gaivota-sinistros", a, "sinistros", "vk-gaivota-openai", "gpt-4.1", 30000),
           one_target("pc-gaivota-indexacao", a, "indexacao", "vk-gaivota-openai", "text-embedding-3-small", 10000),
           one_target("pc-gaivota-triagem", a, "triagem", "vk-gaivota-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-hera-agents", b, "agents", "vk-hera-openai", "gpt-4.1", 30000),
           one_target("pc-irati-atendimento", c, "atendimento", "vk-irati-openai", "gpt-4o", 30000)]
    t = [ticket(16001, a, "Erros 503 e 429 desde esta manhã",
                "Bom dia,\n\nDesde as 10h10 (hora de Lisboa) temos muitos erros na gestão de sinistros, que usa o "
                "gpt-4.1: cerca de metade dos pedidos falha com 503. Pouco depois começaram também a aparecer 429 "
                "no nosso job de indexação (embeddings). Reparámos que fizeram uma atualização ao router ontem à "
                "noite, com uma nova política de retries... não terá sido isso?\n\nExcerto dos nossos logs:\n"
                "2027-04-06T10:14:03+01:00 ERROR sinistros  status=503 code=provider_unavailable model=gpt-4.1\n"
                "2027-04-06T10:14:09+01:00 ERROR sinistros  status=503 code=provider_unavailable model=gpt-4.1\n"
                "2027-04-06T10:41:22+01:00 WARN  indexador  status=429 code=rate_limited retry-after=20\n\n"
                "A triagem com o Claude está a funcionar normalmente.\n\nCumprimentos,\nRui Carvalho\n"
                "Engenharia de Plataforma · Gaivota Seguros", at(D, "12:40"), "Rui Carvalho", priority="high")]
    return scenario("", "api-errors-outage-and-rate-limit-portuguese",
                    "European Portuguese ticket with a Lisbon (summer) time and a wrong guess (last night's retry "
                    "deploy): two causes. gpt-4.1 answers 503 provider_unavailable to 55% of every org's requests "
                    "09:10-10:40 UTC with OpenAI's GPT-4.1 incident (primary, Hera too); Gaivota's re-indexing job "
                    "multiplies its embeddings traffic by 4 from 09:40 and 30% of it is refused 429 rate_limited "
                    "(secondary). The Claude triage config, a Realtime API incident, a logs-page deploy at 09:02 and "
                    "the retry deploy of the night before are bystanders among 18 routine deploys; Irati is a big "
                    "org with a 3% background error rate.",
                    now, CO, [a, b, c], "2027-04-05T10:00:00Z", 16001, streams, an, t,
                    {16001: truth("api-errors", "provider_outage", [inc],
                                  [rt, f"github:deployment:{night}", f"github:deployment:{near}",
                                   "config:pc-gaivota-triagem"], ["503", "429"],
                                  [secondary("rate_limited", ["route:/v1/embeddings"])])},
                    github=gh, statuspage=sp, configs=cfg, docs=[DOC_RATE_LIMITS])


def latency_provider_model_fr():
    D, now = "2027-04-08", "2027-04-08T16:00:00Z"
    a = org("org_heron", "Héron Conseil", "heron-conseil.fr", "enterprise")
    b = org("org_ibex", "Ibex Mobility", "ibexmobility.com", "scale")
    c = org("org_jasmin", "Jasmin Studio", "jasmin.studio", "growth")
    gh = github(CO, 16101, "2027-04-07T09:00:00Z", now, 22)
    her = gh.deploy(16140, at(D, "12:05"), "http: size the upstream connection pool per provider",
                    ["src/http/pool.ts", "src/http/upstream.ts"])
    sp = Statuspage(now)
    inc = sp.incident("openai", "f2g4h6j8k0l2", "Increased latency on GPT-4.1 mini", at(D, "12:15"), at(D, "14:05"),
                      "Requests to GPT-4.1 mini are slower than usual.", impact="minor")
    other = sp.incident("openai", "z3x5c7v9b1n3", "Elevated errors on GPT-4o Audio", at(D, "12:30"),
                        at(D, "13:20"), "GPT-4o audio requests fail at an elevated rate.")
    lin = [linear_issue("GW-1610", "Latency chart averages p95 across models",
                        "The org latency chart averages the p95 of each model instead of computing it over all "
                        "requests.", "2027-04-01T10:00:00Z", labels=("bug", "dashboard"))]
    # Héron is a big org working French office hours (volume and, on its drafting config, a 1.3x
    # busy-hours latency) with a 2.5% background error rate. OpenAI's gpt-4.1-mini is 3x slower
    # (provider time) 12:20-14:00 UTC for every org using it (Ibex too); gateway time and the other
    # models are flat.
    streams = [cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=14, p50=700, p95=1600, error_rate=0.025,
                            config_id="pc-heron-syntheses", key="vk-heron-prod"), 7, 17, 0.3),
               cycle(stream(a["id"], per_minute=12, p50=1000, p95=2400, error_rate=0.025,
                            config_id="pc-heron-redaction", key="vk-heron-prod"), 7, 17, 0.3, 1.3),
               stream(a["id"], route="/v1/embeddings", model="text-embedding-3-large", per_minute=8, p50=140,
                      p95=320, prompt=600, completion=0, config_id="pc-heron-recherche", key="vk-heron-prod"),
               stream(b["id"], model="gpt-4.1-mini", per_minute=8, p50=700, p95=1600, config_id="pc-ibex-dispatch"),
               stream(c["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=8, p50=1300, p95=3000,
                      config_id="pc-jasmin-scripts")]
    an = [latency(at(D, "12:20"), at(D, "14:00"), {"model": "gpt-4.1-mini"}, 3.0)]
    cfg = [one_target("pc-heron-syntheses", a, "syntheses", "vk-heron-openai", "gpt-4.1-mini", 20000),
           one_target("pc-heron-redaction", a, "redaction", "vk-heron-openai", "gpt-4o", 30000),
           one_target("pc-heron-recherche", a, "recherche", "vk-heron-openai", "text-embedding-3-large", 10000),
           one_target("pc-ibex-dispatch", b, "dispatch", "vk-ibex-openai", "gpt-4.1-mini", 20000),
           one_target("pc-jasmin-scripts", c, "scripts", "vk-jasmin-anthropic", "claude-sonnet-4-6", 30000)]
    t = [ticket(16101, a, "RE: RE: Devis pour le plan Enterprise",
                "Bonjour,\n\nJe profite de ce fil pour un autre sujet, plus urgent : depuis 14h20 environ (heure de "
                "Paris), nos synthèses de dossiers mettent trois fois plus de temps à revenir. D'habitude 0,7 s, là "
                "plutôt 2 à 2,5 s. Vous avez mis en production quelque chose sur les connexions juste avant midi "
                "(on l'a vu passer dans votre changelog), je suppose que c'est votre passerelle qui rame ?\n\n"
                "Mesure côté client :\n"
                "[2027-04-08 14:47:12 +02:00] POST /v1/chat/completions pc-heron-syntheses 2480 ms\n"
                "[2027-04-08 14:47:15 +02:00] POST /v1/chat/completions pc-heron-syntheses 2210 ms\n\n"
                "La rédaction (GPT-4o) a l'air normale.\n\nCordialement,\nAntoine Lefèvre\nDSI adjoint – "
                "Héron Conseil\n\n-----Message d'origine-----\nDe : Relay Sales\nEnvoyé : mardi 30 mars 2027\n"
                "Objet : RE: Devis pour le plan Enterprise\n> Bonjour Antoine, vous trouverez le devis en pièce "
                "jointe.", at(D, "13:10"), "Antoine Lefèvre", priority="high")]
    return scenario("", "latency-spike-model-incident-french-stale-subject",
                    "French ticket under a stale sales subject with a Paris (summer) time, blaming our connection-"
                    "pool deploy of 12:05: gpt-4.1-mini provider time x3 12:20-14:00 UTC for every org using it "
                    "(Ibex too), matching OpenAI's GPT-4.1 mini latency incident; gateway time and the org's gpt-4o "
                    "and embeddings are flat. Héron is a big org with an office-hours cycle and a 2.5% background "
                    "error rate. A GPT-4o Audio incident at the same minutes, the pool deploy and a dashboard bug are "
                    "bystanders among 22 routine deploys.",
                    now, CO, [a, b, c], "2027-04-07T10:00:00Z", 16101, streams, an, t,
                    {16101: truth("latency-spike", "provider_outage", [inc],
                                  [other, f"github:deployment:{her}", "linear:issue:GW-1610",
                                   "config:pc-heron-redaction"], ["12:20", "gpt-4.1-mini"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin)


def fallback_worked_ja():
    D, now = "2027-04-09", "2027-04-09T07:00:00Z"
    a = org("org_kaede", "Kaede Sonpo", "kaede-sonpo.co.jp", "enterprise")
    b = org("org_lumen", "Lumen Tutors", "lumentutors.com", "growth")
    gh = github(CO, 16201, "2027-04-08T06:00:00Z", now, 14)
    her = gh.deploy(16240, at(D, "01:18"), "router: round loadbalance weights to two decimals",
                    ["src/router/loadbalance.ts"])
    sp = Statuspage(now)
    inc = sp.incident("anthropic", "s5d7f9g1h3j5", "Claude Sonnet 4.6 overloaded", at(D, "01:25"), at(D, "02:45"),
                      "Requests to Claude Sonnet 4.6 are returning 529 overloaded errors at an elevated rate.")
    app = sp.incident("anthropic", "v6b8n0m2q4w6", "claude.ai slow to respond", at(D, "01:00"), at(D, "02:00"),
                      "claude.ai conversations respond slowly for some users.", component="claude.ai",
                      impact="minor")
    lin = [linear_issue("GW-1622", "Fallback attempts counted twice in the usage export",
                        "The CSV usage export lists a request served by a fallback target twice.",
                        "2027-04-02T10:00:00Z", labels=("bug", "export"))]
    # Kaede's window service uses pc-kaede-madoguchi: Claude Sonnet first, GPT-4o on 429/500/503/529.
    # During Anthropic's overload (529 on 40% of Sonnet requests 01:30-02:40 UTC) those requests were
    # answered by gpt-4o after the failed attempt: as configured. Lumen's one-target Sonnet config
    # got the 529s. Kaede's review config (gpt-4o-mini) is untouched.
    streams = [stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=16, p50=1300, p95=3000,
                      config_id="pc-kaede-madoguchi", sdk="portkey-python/1.10.2"),
               stream(a["id"], model="gpt-4o-mini", per_minute=10, p50=600, p95=1500, config_id="pc-kaede-shinsa"),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=10, p50=1300, p95=3000,
                      config_id="pc-lumen-tutor")]
    an = [errors(at(D, "01:30"), at(D, "02:40"), {"config_id": "pc-kaede-madoguchi"}, 0.4, 529,
                 "provider_overloaded", {"provider": "openai", "model": "gpt-4o"}),
          errors(at(D, "01:30"), at(D, "02:40"), {"config_id": "pc-lumen-tutor"}, 0.4, 529, "provider_overloaded")]
    cfg = [config("pc-kaede-madoguchi", a["id"], "madoguchi",
                  [target("vk-kaede-anthropic", "claude-sonnet-4-6", 30000, [429, 500, 503, 529]),
                   target("vk-kaede-openai", "gpt-4o", 30000)], mode="fallback", updated="2027-01-14T02:00:00Z"),
           one_target("pc-kaede-shinsa", a, "shinsa", "vk-kaede-openai", "gpt-4o-mini", 20000),
           one_target("pc-lumen-tutor", b, "tutor", "vk-lumen-anthropic", "claude-sonnet-4-6", 30000)]
    t = [ticket(16201, a, "【確認依頼】窓口ボットの回答モデルについて",
                "いつもお世話になっております。楓損保 デジタル推進部の高橋です。\n\n本日10時半頃から11時40分頃"
                "（日本時間）にかけて、窓口ボット（pc-kaede-madoguchi）の回答の一部が、普段の Claude ではなく "
                "GPT-4o から返ってきていることにログで気づきました。回答の文体が変わったとお客様からも指摘が"
                "ありました。\n\n同じ時間帯に御社でルーティング関連のリリースがあったようですが、その影響で"
                "設定どおりに振り分けられていないのではないでしょうか。\n\nログ抜粋：\n"
                "2027-04-09 10:52:31 JST model=gpt-4o fallback_used=true attempts=2 config=pc-kaede-madoguchi\n\n"
                "原因と、今後の対応についてご教示いただけますと幸いです。\n\n何卒よろしくお願い申し上げます。\n"
                "高橋 直樹\n楓損保株式会社 デジタル推進部", at(D, "04:30"), "Naoki Takahashi")]
    return scenario("", "fallback-worked-as-configured-japanese",
                    "Japanese ticket with a JST time asking why some answers came from GPT-4o and blaming a routing "
                    "deploy: during Anthropic's Sonnet overload (529 on 40% of requests 01:30-02:40 UTC) "
                    "pc-kaede-madoguchi failed over to gpt-4o exactly as configured (expected_behavior); Lumen's "
                    "one-target Sonnet config got the 529s. A loadbalance-weights deploy at 01:18 (a mode Kaede's "
                    "config does not use), a claude.ai incident and an export bug are bystanders among 14 routine "
                    "deploys.",
                    now, CO, [a, b], "2027-04-08T06:00:00Z", 16201, streams, an, t,
                    {16201: truth("fallback", "expected_behavior", ["config:pc-kaede-madoguchi"],
                                  [f"github:deployment:{her}", app, "linear:issue:GW-1622", "config:pc-kaede-shinsa"],
                                  ["gpt-4o", "529"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_FALLBACKS])


DOC_METERS_CACHED = doc("docs/billing/token-meters.md", "How tokens are invoiced",
                        "# How tokens are invoiced\n\nEach invoice has one metered line per kind of token. The input "
                        "line counts the prompt tokens the provider did not serve from its cache. The output line "
                        "counts completion tokens. Cached input tokens have a line of their own, billed at 10% of "
                        "the input price. Every line is summed per UTC day from the meter events we send to Stripe "
                        "and should equal the request logs of that day. Seats are licensed lines, not usage.\n")


def billing_input_dropped_es():
    now = "2027-04-12T06:00:00Z"
    a = org("org_maguey", "Maguey Finanzas", "maguey.mx", "scale")
    b = org("org_nardo", "Nardo Health", "nardohealth.com", "growth")
    gh = github(CO, 16301, "2027-04-10T12:00:00Z", now, 16)
    her = gh.deploy(16340, "2027-04-11T17:10:00Z", "usage page: split cached tokens into their own column",
                    ["ui/usage/columns.tsx"])
    lin = [linear_issue("GW-1631", "Usage page totals include cached tokens twice",
                        "The usage page's total row counts cache reads in the input column and again in the cached "
                        "column. Invoices are not affected.", "2027-04-05T10:00:00Z", labels=("bug", "dashboard"))]
    pd = [pd_incident("PMTRLAG411", 8411, "Meter event queue lag above 10 minutes", "2027-04-11T20:05:00Z",
                      "2027-04-11T20:30:00Z", "Billing meters")]
    streams = [stream(a["id"], per_minute=14, prompt=2600, completion=420, cached=0.45, config_id="pc-maguey-asesor"),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=6, p50=1300, p95=3000,
                      prompt=3200, completion=600, cached=0.5, config_id="pc-maguey-contratos"),
               stream(b["id"], model="gpt-4o-mini", per_minute=12, p50=600, p95=1500, config_id="pc-nardo-intake")]
    cfg = [one_target("pc-maguey-asesor", a, "asesor", "vk-maguey-openai", "gpt-4o", 30000),
           one_target("pc-maguey-contratos", a, "contratos", "vk-maguey-anthropic", "claude-sonnet-4-6", 30000),
           one_target("pc-nardo-intake", b, "intake", "vk-nardo-openai", "gpt-4o-mini", 20000)]

    def meter(name, nickname, counts, faults=()):
        return {"meter": name, "nickname": nickname, "counts": list(counts), "cached_tokens": "excluded",
                "faults": list(faults)}
    # three metered lines and seats; the input meter lost its events of 06:00-12:00 UTC (dropped), so
    # only the input line is ~1/4 below the logs. Output and cached lines match; the cache share is
    # on its own line as documented (the customer's theory that the input line already nets the
    # cache discount does not fit: cached tokens are excluded from it in every hour).
    bill = {"meter": "llm_input_tokens", "unit": "tokens", "counts": ["prompt_tokens"], "cached_tokens": "excluded",
            "unit_amount_decimal": "0.00025", "faults": [],
            "meters": [meter("llm_input_tokens", "Input tokens", ["prompt_tokens"],
                             [{"kind": "dropped", "from": "2027-04-11T06:00:00Z", "to": "2027-04-11T12:00:00Z",
                               "match": {}}]),
                       meter("llm_output_tokens", "Output tokens", ["completion_tokens"]),
                       meter("llm_cached_input_tokens", "Cached input tokens", ["cached_tokens"])],
            "invoices": [{"id": "in_1Maguey0411", "org": a["id"], "status": "open", "from": "2027-04-11T00:00:00Z",
                          "to": "2027-04-12T00:00:00Z",
                          "extra_lines": [{"description": "Seats (12 × $30.00)", "nickname": "Seats", "quantity": 12,
                                           "unit_amount": 3000}]}]}
    t = [ticket(16301, a, "Duda con la factura del 11 de abril",
                "Hola, buenas noches:\n\nEstamos conciliando la factura in_1Maguey0411 contra nuestros propios registros y "
                "la línea de «Input tokens» sale como un 25% por debajo de lo que contamos nosotros. Las líneas de "
                "Output y de tokens en caché sí cuadran. ¿Puede ser que en esa línea ya estén descontando los "
                "tokens en caché? Preferimos aclararlo ahora y no llevarnos una sorpresa el mes que viene con un "
                "ajuste.\n\nNosotros contamos por día en hora de la Ciudad de México, por si influye.\n\n"
                "Saludos cordiales,\nFernanda Ruiz\nGerente de Finanzas · Maguey Finanzas", "2027-04-12T05:40:00Z",
                "Fernanda Ruiz")]
    q = [question(16302, b, "2027-04-12T04:00:00Z", "Invoice PDF in Spanish?",
                  "Hi, can our invoices be issued in Spanish for our Mexico subsidiary? Thanks.", person="Omar Diaz")]
    return scenario("", "token-billing-input-meter-dropped-spanish",
                    "Spanish ticket from Mexico City: Maguey's invoice has input, output and cached-input token lines "
                    "and seats. The input meter lost its events of 06:00-12:00 UTC, so only the input line is ~1/4 "
                    "below the logs; output and cached lines match (billing_pipeline). The customer's theory (the "
                    "cache discount already netted on the input line) does not fit: cached tokens have their own "
                    "line as documented. A usage-page deploy, a usage-page bug and a meter-lag page in the evening "
                    "are bystanders.",
                    now, CO, [a, b], "2027-04-11T00:00:00Z", 16301, streams, [], t,
                    {16301: truth("token-billing", "billing_pipeline", ["stripe:invoice:in_1Maguey0411"],
                                  [f"github:deployment:{her}", "linear:issue:GW-1631", "pagerduty:incident:PMTRLAG411"],
                                  ["06:00"])},
                    github=gh, configs=cfg, billing=bill, linear=lin, pagerduty=pd, docs=[DOC_METERS_CACHED],
                    questions=q)


def metadata_provider_deploy_de():
    D, now = "2027-04-13", "2027-04-13T13:00:00Z"
    a = org("org_lerche", "Lerche Logistik", "lerche-logistik.de", "enterprise")
    b = org("org_mistral", "Mistral Apps", "mistral-apps.io", "scale")
    gh = github(CO, 16401, "2027-04-12T08:00:00Z", now, 20)
    bad = gh.deploy(16450, at(D, "08:16"), "anthropic adapter: send metadata as metadata.user_id only",
                    ["src/providers/anthropic/request.ts", "src/providers/anthropic/metadata.ts"],
                    message="providers/anthropic: map request metadata onto the provider's user_id field (#3440)")
    near = gh.deploy(16451, at(D, "09:05"), "logs page: metadata filter chips", ["ui/logs/metadata-filter.tsx"])
    gh.release(99701, "v1.11.0", "portkey-python v1.11.0",
               "## Changes\n\n- Async client: connection pooling.\n- `with_options()` keeps the default headers.\n",
               "2027-04-12T15:00:00Z")
    lin = [linear_issue("GW-1640", "Metadata keys are matched case-sensitively in the logs filter",
                        "Filtering the logs by `Team` does not find requests sent with `team`.",
                        "2027-04-06T10:00:00Z", labels=("bug", "metadata"))]
    # From 08:20 UTC every org's Anthropic request loses its metadata (deploy #16450), whatever the
    # SDK: Lerche's Sonnet config (python 1.11.0, upgraded yesterday) and Haiku config (node 1.8.0),
    # Mistral's Claude too. Lerche's gpt-4o service runs the same python 1.11.0 and keeps its metadata.
    streams = [stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=12, p50=1300, p95=3000,
                      config_id="pc-lerche-disposition", sdk="portkey-python/1.11.0",
                      metadata={"kostenstelle": "4711", "team": "dispo"}),
               stream(a["id"], per_minute=14, config_id="pc-lerche-kundendienst", sdk="portkey-python/1.11.0",
                      metadata={"kostenstelle": "4720", "team": "kd"}),
               stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=8, p50=450, p95=1000,
                      config_id="pc-lerche-klassifizierung", sdk="portkey-node/1.8.0",
                      metadata={"kostenstelle": "4730", "team": "ml"}),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=8, p50=1300, p95=3000,
                      config_id="pc-mistral-chat", sdk="portkey-node/1.9.0", metadata={"app": "mistral"}),
               stream(b["id"], model="gpt-4o-mini", per_minute=8, p50=600, p95=1500, config_id="pc-mistral-tags",
                      sdk="portkey-node/1.9.0", metadata={"app": "mistral"})]
    an = [metadata_dropped(at(D, "08:20"), None, {"provider": "anthropic"})]
    cfg = [one_target("pc-lerche-disposition", a, "disposition", "vk-lerche-anthropic", "claude-sonnet-4-6", 30000),
           one_target("pc-lerche-kundendienst", a, "kundendienst", "vk-lerche-openai", "gpt-4o", 30000),
           one_target("pc-lerche-klassifizierung", a, "klassifizierung", "vk-lerche-anthropic", "claude-haiku-4-5",
                      20000),
           one_target("pc-mistral-chat", b, "chat", "vk-mistral-anthropic", "claude-sonnet-4-6", 30000),
           one_target("pc-mistral-tags", b, "tags", "vk-mistral-openai", "gpt-4o-mini", 20000)]
    t = [ticket(16401, a, "Kostenstellen fehlen in den Logs",
                "Guten Tag,\n\nseit heute Vormittag, ungefähr 10:20 Uhr (MESZ), fehlen bei unseren Disposition-"
                "Anfragen die Metadaten (kostenstelle, team) in den Request-Logs. Damit bricht unsere interne "
                "Kostenverrechnung. Wir haben gestern Nachmittag portkey-python auf 1.11.0 aktualisiert – kann es "
                "sein, dass die neue Version die Metadaten nicht mehr mitschickt? Falls ja, rollen wir zurück.\n\n"
                "Beispiel aus unserem Log:\n"
                "2027-04-13T10:31:55+02:00 INFO relay request_id=req_8f2c config=pc-lerche-disposition "
                "metadata={} status=200\n\nVielen Dank und beste Grüße\nJonas Weber\nPlattform-Team, "
                "Lerche Logistik GmbH", at(D, "11:45"), "Jonas Weber")]
    return scenario("", "metadata-provider-deploy-sdk-guess-german",
                    "German ticket with a CEST (MESZ) time blaming the customer's own SDK upgrade (portkey-python "
                    "1.11.0, the day before): deploy #16450 (Anthropic adapter metadata mapping, live 08:18) drops "
                    "the metadata of every org's Anthropic request from 08:20 UTC whatever the SDK, while Lerche's "
                    "gpt-4o service on the same SDK version keeps it (deploy_regression). A logs-filter deploy at "
                    "09:05, the SDK release and a case-sensitivity bug are bystanders among 20 routine deploys.",
                    now, CO, [a, b], "2027-04-12T08:00:00Z", 16401, streams, an, t,
                    {16401: truth("metadata", "deploy_regression", [f"github:deployment:{bad}"],
                                  [f"github:deployment:{near}", "github:release:v1.11.0", "linear:issue:GW-1640",
                                   "sdk:portkey-python/1.11.0"], ["08:20"])},
                    github=gh, configs=cfg, linear=lin, docs=[DOC_METADATA])


def webhook_customer_429_en():
    D, now = "2027-04-14", "2027-04-14T23:00:00Z"
    a = org("org_sable", "Sable Commerce", "sablecommerce.com", "scale")
    b = org("org_tansy", "Tansy Learning", "tansy.academy", "growth")
    c = org("org_umber", "Umber Bank", "umberbank.com", "enterprise")
    gh = github(CO, 16501, "2027-04-13T20:00:00Z", now, 15)
    her = gh.deploy(16540, at(D, "18:04"), "webhooks: sign payloads with HMAC-SHA512 alongside SHA256",
                    ["src/webhooks/sign.ts", "src/webhooks/deliver.ts"])
    lin = [linear_issue("GW-1650", "Webhook retries ignore Retry-After",
                        "Failed deliveries are retried on the fixed backoff schedule even when the endpoint answers "
                        "with a Retry-After header.", "2027-04-07T10:00:00Z", labels=("bug", "webhooks"))]
    streams = [stream(a["id"], per_minute=14, config_id="pc-sable-shop"), stream(b["id"], per_minute=10),
               stream(c["id"], per_minute=10)]
    # Sable has two endpoints. From 18:30 UTC its events endpoint answers 429 to 70% of deliveries
    # (its own edge rate limit); its alerts endpoint and every other org's endpoint keep answering
    # 200, before and after the signing deploy of 18:04.
    ev = "https://hooks.sablecommerce.com/relay/events"
    wh = hooks((a["id"], ev, ["request.completed"], 6, 150),
               (a["id"], "https://ops.sablecommerce.com/alerts", ["request.failed", "budget.exceeded"], 1, 180),
               (b["id"], "https://tansy.academy/api/relay-hook", ["request.completed"], 4, 120),
               (c["id"], "https://events.umberbank.com/relay", ["request.completed", "request.failed"], 3, 200),
               anomalies=[{"kind": "failures", "from": at(D, "18:30"), "to": None, "match": {"endpoint": ev},
                           "rate": 0.7, "status": 429, "error": ""}])
    cfg = [one_target("pc-sable-shop", a, "shop", "vk-sable-openai", "gpt-4o", 30000)]
    t = [ticket(16501, a, "webhooks broken since your sha512 change",
                "hi team,\n\nsince about 11:30am pacific most of our request.completed webhooks show failed in the "
                "dashbaord. your changelog says you started signing with sha512 this morning so i'm guessing our "
                "verifier chokes on the new header?? we havent touched it in months.\n\nhere's what i get hitting "
                "our endpoint by hand:\n\n$ curl -i -X POST https://hooks.sablecommerce.com/relay/events -d '{}'\n"
                "HTTP/2 429\ndate: Wed, 14 Apr 2027 18:52:10 GMT\nserver: cloudflare\nretry-after: 60\n\n"
                "not sure what that 429 is about tbh, maybe your retries are hammering us?\n\nthanks\nMarco\n"
                "--\nMarco Ruiz | Staff Engineer | Sable Commerce", at(D, "19:40"), "Marco Ruiz", priority="high")]
    return scenario("", "webhook-failures-endpoint-rate-limit-typos",
                    "English ticket with typos, a US Pacific (summer) time, curl output and a wrong guess (our "
                    "SHA-512 signing deploy at 18:04): from 18:30 UTC Sable's events endpoint answers 429 to 70% of "
                    "deliveries (its own edge rate limit); its alerts endpoint and the other orgs' endpoints keep "
                    "answering 200 (customer_endpoint). A retry bug and the signing deploy are bystanders among 15 "
                    "routine deploys.",
                    now, CO, [a, b, c], "2027-04-13T20:00:00Z", 16501, streams, [], t,
                    {16501: truth("webhook-failures", "customer_endpoint", [f"endpoint:{ev}"],
                                  [f"github:deployment:{her}", "linear:issue:GW-1650"], ["429", "18:30"])},
                    github=gh, webhooks=wh, linear=lin, configs=cfg, docs=[DOC_WEBHOOKS])


def routing_config_and_known_bug_es():
    D, now = "2027-04-15", "2027-04-15T13:00:00Z"
    a = org("org_olivo", "Olivo Legal", "olivolegal.es", "scale")
    b = org("org_pardal", "Pardal Media", "pardalmedia.com", "growth")
    c = org("org_quimera", "Quimera Games", "quimera.games", "enterprise")
    gh = github(CO, 16601, "2027-04-14T08:00:00Z", now, 19)
    near = gh.deploy(16640, at(D, "08:41"), "anthropic adapter: send the prompt-caching beta header on every request",
                     ["src/providers/anthropic/headers.ts"])
    sp = Statuspage(now)
    opus = sp.incident("anthropic", "e8r0t2y4u6i8", "Elevated errors on Claude Opus 4.1", at(D, "09:00"),
                       at(D, "09:50"), "Requests to Claude Opus 4.1 fail at an elevated rate.")
    bug = linear_issue("GW-1660", "Anthropic adapter: base64 images over 5 MB rejected with 400",
                       "Chat requests to Anthropic models with a base64 image block larger than 5 MB fail with 400 "
                       "invalid_request: the adapter does not resize them before sending. Anthropic targets only.",
                       "2027-04-13T16:00:00Z", labels=("bug", "provider:anthropic"))
    fixed = linear_issue("GW-1590", "Anthropic adapter drops tool_choice=none", "Fixed in deploy #16210.",
                         "2027-03-30T10:00:00Z", state="Done", labels=("bug", "provider:anthropic"),
                         completed="2027-04-02T10:00:00Z")
    # Two causes for Olivo: pc-olivo-contratos was edited at 08:53 UTC to the model name
    # "claude-sonnet-4.6" (a dot, not the provider's id) and fails 404 model_not_found on every
    # request from 08:55 (~2,900, primary); and its scanned-document config pc-olivo-escaneo has
    # failed 400 invalid_request on 30% of requests all along (large images, the open bug GW-1660;
    # ~1,800, secondary), as has Quimera's image config. GPT-4o summaries and Pardal's Sonnet are fine.
    streams = [stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=12, p50=1300, p95=3000,
                      config_id="pc-olivo-contratos"),
               stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=4, p50=900, p95=2000,
                      prompt=6000, completion=300, config_id="pc-olivo-escaneo"),
               stream(a["id"], per_minute=10, config_id="pc-olivo-resumenes"),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=10, p50=1300, p95=3000,
                      config_id="pc-pardal-notas"),
               stream(c["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=4, p50=900, p95=2000,
                      prompt=6000, completion=300, config_id="pc-quimera-assets"),
               stream(c["id"], provider="anthropic", model="claude-opus-4-1", per_minute=4, p50=2500, p95=6000,
                      config_id="pc-quimera-lore")]
    an = [errors(at(D, "08:55"), None, {"config_id": "pc-olivo-contratos"}, 1.0, 404, "model_not_found"),
          errors("2027-04-14T08:00:00Z", None, {"config_id": "pc-olivo-escaneo"}, 0.3, 400, "invalid_request"),
          errors("2027-04-14T08:00:00Z", None, {"config_id": "pc-quimera-assets"}, 0.3, 400, "invalid_request"),
          errors(at(D, "09:05"), at(D, "09:45"), {"model": "claude-opus-4-1"}, 0.4, 500, "provider_error")]
    cfg = [config("pc-olivo-contratos", a["id"], "contratos",
                  [target("vk-olivo-anthropic", "claude-sonnet-4.6", 30000)], updated=at(D, "08:53")),
           one_target("pc-olivo-escaneo", a, "escaneo", "vk-olivo-anthropic", "claude-haiku-4-5", 30000),
           one_target("pc-olivo-resumenes", a, "resumenes", "vk-olivo-openai", "gpt-4o", 30000),
           one_target("pc-pardal-notas", b, "notas", "vk-pardal-anthropic", "claude-sonnet-4-6", 30000),
           one_target("pc-quimera-assets", c, "assets", "vk-quimera-anthropic", "claude-haiku-4-5", 30000),
           one_target("pc-quimera-lore", c, "lore", "vk-quimera-anthropic", "claude-opus-4-1", 60000)]
    t = [ticket(16601, a, "Claude falla y GPT-4o funciona",
                "Hola:\n\nDesde las 10:55 (hora de Madrid) todas las llamadas a Claude de nuestro analizador de "
                "contratos fallan, mientras que los resúmenes con GPT-4o van perfectamente. Además, el escaneo de "
                "documentos (también Claude) lleva desde ayer con algún 400 suelto, aunque eso es menos grave. "
                "¿Anthropic está caído? He visto que tienen una incidencia abierta.\n\nEl error que devuelve:\n"
                "{\"error\":{\"code\":\"model_not_found\",\"status\":404,\"provider\":\"anthropic\"}}\n\n"
                "Esta mañana solo hemos actualizado el nombre del modelo en la config para usar la versión 4.6, "
                "nada más.\n\nGracias,\nLucía Navarro\nIngeniería · Olivo Legal", at(D, "11:30"), "Lucía Navarro",
                priority="urgent")]
    return scenario("", "provider-routing-config-edit-and-known-bug-spanish",
                    "Spanish ticket with a Madrid (summer) time, guessing an Anthropic outage: two causes. "
                    "pc-olivo-contratos was edited at 08:53 UTC to the model name claude-sonnet-4.6 (not the "
                    "provider's id) and fails 404 model_not_found from 08:55 (primary, customer_config); its "
                    "scanned-document config has failed 400 invalid_request on 30% of requests since the day before, "
                    "the open adapter bug GW-1660 on large images (secondary, known_bug; Quimera's image config too). "
                    "The Opus incident (a model Olivo does not use), a prompt-caching header deploy at 08:41 and a "
                    "fixed tool_choice bug are bystanders among 19 routine deploys.",
                    now, CO, [a, b, c], "2027-04-14T08:00:00Z", 16601, streams, an, t,
                    {16601: truth("provider-routing", "customer_config", ["config:pc-olivo-contratos"],
                                  [opus, f"github:deployment:{near}", "linear:issue:GW-1590",
                                   "config:pc-olivo-resumenes"], ["404", "400"],
                                  [secondary("known_bug", ["linear:issue:GW-1660"])])},
                    github=gh, statuspage=sp, configs=cfg, linear=[bug, fixed])


def api_errors_noisy_no_fault_en():
    D, now = "2027-04-16", "2027-04-16T20:00:00Z"
    a = org("org_tamarack", "Tamarack Health", "tamarackhealth.com", "enterprise")
    b = org("org_umbra", "Umbra Games", "umbra.gg", "growth")
    c = org("org_vetch", "Vetch Legal", "vetchlegal.com", "scale")
    gh = github(CO, 16701, "2027-04-15T14:00:00Z", now, 24)
    her = gh.deploy(16760, at(D, "13:55"), "validation: stricter JSON schema checks on response_format",
                    ["src/validation/response-format.ts"])
    sp = Statuspage(now)
    haiku = sp.incident("anthropic", "o9p1a3s5d7f9", "Elevated errors on Claude Haiku 4.5", at(D, "14:05"),
                        at(D, "15:10"), "Requests to Claude Haiku 4.5 fail at an elevated rate.")
    pd = [pd_incident("PGW4XX416", 8416, "Gateway 4xx ratio above 3% (us-central)", at(D, "14:20"), at(D, "14:45"),
                      "Gateway edge")]
    # Tamarack is a big org working US Central office hours (from 14:00 UTC) with a steady 3% error
    # rate (400/500 mix) on every config, the same yesterday and today; the hourly error count rises
    # at 14:00 with the volume, at an unchanged rate. Umbra's Haiku traffic has the incident;
    # Tamarack has no Haiku. Nothing changed after the validation deploy.
    streams = [cycle(stream(a["id"], per_minute=20, p50=900, p95=2200, error_rate=0.03,
                            config_id="pc-tamarack-scribe", key="vk-tamarack-scribe"), 14, 23, 0.25),
               cycle(stream(a["id"], model="gpt-4o-mini", per_minute=12, p50=500, p95=1300, error_rate=0.03,
                            config_id="pc-tamarack-coding", key="vk-tamarack-coding"), 14, 23, 0.25),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=8, p50=1300, p95=3000,
                      error_rate=0.03, config_id="pc-tamarack-summaries", key="vk-tamarack-scribe"),
               stream(b["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=10, p50=450, p95=1000,
                      config_id="pc-umbra-npc"),
               stream(c["id"], per_minute=8, config_id="pc-vetch-briefs")]
    an = [errors(at(D, "14:10"), at(D, "15:05"), {"model": "claude-haiku-4-5"}, 0.35, 500, "provider_error")]
    cfg = [one_target("pc-tamarack-scribe", a, "scribe", "vk-tamarack-openai", "gpt-4o", 30000),
           one_target("pc-tamarack-coding", a, "coding", "vk-tamarack-openai", "gpt-4o-mini", 20000),
           one_target("pc-tamarack-summaries", a, "summaries", "vk-tamarack-anthropic", "claude-sonnet-4-6", 30000),
           one_target("pc-umbra-npc", b, "npc", "vk-umbra-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-vetch-briefs", c, "briefs", "vk-vetch-openai", "gpt-4o", 30000)]
    t = [ticket(16701, a, "Re: SSO setup for the new clinic",
                "Hi all,\n\nDifferent topic than the SSO thread, sorry for reusing it. We turned on the new error "
                "dashboard in Grafana this morning and since 9am Central the error count from the gateway has "
                "jumped — several hundred an hour now versus a few dozen overnight. Breakdown from our side:\n\n"
                "  status  count (09:00-13:00 CT)\n  400     ~310\n  500     ~250\n  502     ~40\n\n"
                "I saw you shipped a change to JSON schema validation right before 9, and Anthropic's status page "
                "has something open too. Is this on your end? Our clinicians notice every failed note.\n\n"
                "Best,\nPriya Raman\nDirector of Platform Engineering, Tamarack Health\n\n"
                "> On Apr 12, 2027, Relay Support wrote:\n> SAML is enabled for tamarackhealth.com; you can now "
                "invite users from your IdP.", at(D, "18:30"), "Priya Raman", priority="high")]
    q = [question(16702, c, at(D, "16:00"), "Data residency",
                  "Hello, do you offer EU data residency for request logs on the scale plan? Thanks, Ines",
                  person="Ines Moreau")]
    return scenario("", "api-errors-noisy-org-morning-no-fault",
                    "English ticket under a stale SSO subject with a US Central (summer) time: Tamarack is a big org "
                    "with a steady 3% error rate (400/500 mix) and an office-hours cycle from 14:00 UTC; the hourly "
                    "error count rises with the morning volume at an unchanged rate, as the day before "
                    "(no_fault_found). A JSON-schema validation deploy at 13:55, Anthropic's Haiku incident (a model "
                    "Tamarack does not use) and a 4xx page are bystanders among 24 routine deploys.",
                    now, CO, [a, b, c], "2027-04-15T14:00:00Z", 16701, streams, an, t,
                    {16701: truth("api-errors", "no_fault_found", [],
                                  [f"github:deployment:{her}", haiku, "pagerduty:incident:PGW4XX416"], ["14:00"])},
                    github=gh, statuspage=sp, configs=cfg, pagerduty=pd, questions=q)


def latency_deploy_route_sydney_en():
    D, now = "2027-04-17", "2027-04-17T04:00:00Z"
    a = org("org_wattle", "Wattle Insurance", "wattle.com.au", "scale")
    b = org("org_xeno", "Xeno Robotics", "xenorobotics.com", "enterprise")
    c = org("org_yarrow", "Yarrow Books", "yarrowbooks.co.uk", "growth")
    gh = github(CO, 16801, "2027-04-16T04:00:00Z", now, 20)
    bad = gh.deploy(16830, "2027-04-16T23:40:00Z", "guardrails: prompt-injection scan on legacy completions",
                    ["src/guardrails/injection.ts", "src/routes/completions.ts"],
                    message="routes/completions: run the injection scanner before routing (#3471)")
    near = gh.deploy(16831, "2027-04-16T23:58:00Z", "dashboard: latency heatmap colours", ["ui/dashboard/heatmap.tsx"])
    sp = Statuspage(now)
    old = sp.incident("openai", "c1v3b5n7m9q1", "Increased latency on GPT-3.5 Turbo Instruct", "2027-04-16T06:00:00Z",
                      "2027-04-16T06:40:00Z", "Completions with gpt-3.5-turbo-instruct are slower than usual.",
                      impact="minor")
    # Every org's /v1/completions request gets ~40x gateway time from 23:42 UTC (deploy #16830,
    # Xeno's too); chat completions and the provider's time are flat. Xeno is a big org with a US
    # office-hours cycle and a 2.5% background error rate.
    streams = [stream(a["id"], route="/v1/completions", model="gpt-3.5-turbo-instruct", per_minute=12, p50=400,
                      p95=900, gateway_ms=10, prompt=900, completion=120, config_id="pc-wattle-claims-legacy"),
               stream(a["id"], per_minute=10, config_id="pc-wattle-assist"),
               cycle(stream(b["id"], route="/v1/completions", model="gpt-3.5-turbo-instruct", per_minute=10, p50=400,
                            p95=900, gateway_ms=10, error_rate=0.025, config_id="pc-xeno-parser"), 13, 23, 0.35),
               cycle(stream(b["id"], per_minute=14, error_rate=0.025, config_id="pc-xeno-ops"), 13, 23, 0.35, 1.2),
               stream(c["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=8, p50=1300, p95=3000,
                      config_id="pc-yarrow-blurbs")]
    an = [latency("2027-04-16T23:42:00Z", None, {"route": "/v1/completions"}, 40, component="gateway")]
    cfg = [one_target("pc-wattle-claims-legacy", a, "claims-legacy", "vk-wattle-openai", "gpt-3.5-turbo-instruct",
                      20000),
           one_target("pc-wattle-assist", a, "assist", "vk-wattle-openai", "gpt-4o", 30000),
           one_target("pc-xeno-parser", b, "parser", "vk-xeno-openai", "gpt-3.5-turbo-instruct", 20000),
           one_target("pc-xeno-ops", b, "ops", "vk-xeno-openai", "gpt-4o", 30000),
           one_target("pc-yarrow-blurbs", c, "blurbs", "vk-yarrow-anthropic", "claude-sonnet-4-6", 30000)]
    t = [ticket(16801, a, "Claims parser crawling this morning",
                "G'day team,\n\nSince about 9:40 this morning (Sydney time) our old claims parser has been noticeably "
                "slower. It calls gpt-3.5-turbo-instruct and normally comes back in under half a second; now it's "
                "sitting around 0.8-0.9s and some calls are well over a second. I reckon OpenAI is having a "
                "moment with that model again (they had something yesterday arvo). Our assistant on gpt-4o seems "
                "fine.\n\nNot urgent-urgent but the claims queue is backing up. Could you have a look?\n\nCheers,\n"
                "Hamish O'Brien\nLead Developer | Wattle Insurance\nLevel 12, 1 Market St, Sydney NSW 2000",
                "2027-04-17T02:30:00Z", "Hamish O'Brien")]
    return scenario("", "latency-spike-legacy-route-deploy-sydney",
                    "English ticket with a Sydney time (AEST, the day after in local time) blaming OpenAI: deploy "
                    "#16830 (prompt-injection scan on legacy completions, live 23:42 UTC) raises gateway time on "
                    "every org's /v1/completions ~40x from 23:42; chat and the provider's time are flat. Xeno is a "
                    "big org with an office-hours cycle and a 2.5% background error rate. Yesterday's OpenAI "
                    "Instruct latency incident and a dashboard deploy at 23:58 are bystanders among 20 routine "
                    "deploys.",
                    now, CO, [a, b, c], "2027-04-16T04:00:00Z", 16801, streams, an, t,
                    {16801: truth("latency-spike", "deploy_regression", [f"github:deployment:{bad}"],
                                  [f"github:deployment:{near}", old, "config:pc-wattle-assist"],
                                  ["23:42", "/v1/completions"])},
                    github=gh, statuspage=sp, configs=cfg)


def api_errors_timeout_config_fr_montreal():
    D, now = "2027-04-19", "2027-04-19T20:00:00Z"
    a = org("org_castor", "Castor Éditions", "castor-editions.ca", "scale")
    b = org("org_dahlia", "Dahlia Retail", "dahliaretail.com", "growth")
    c = org("org_epicea", "Épicéa Conseil", "epicea.ca", "enterprise")
    gh = github(CO, 16901, "2027-04-18T16:00:00Z", now, 17)
    her = gh.deploy(16940, at(D, "12:50"), "router: log the upstream time-to-first-byte", ["src/router/metrics.ts"])
    sp = Statuspage(now)
    mini = sp.incident("openai", "h2j4k6l8z0x2", "Elevated errors on GPT-4o mini", at(D, "13:00"), at(D, "13:40"),
                       "Requests to GPT-4o mini fail at an elevated rate.")
    lin = [linear_issue("GW-1690", "request_timeout under 1000 ms is rounded up to 1 s",
                        "Configs with a request_timeout below one second time out after one second.",
                        "2027-04-10T10:00:00Z", labels=("bug", "router"))]
    # pc-castor-traduction was edited at 13:02 UTC: its request_timeout went from 60 s to 2 s, so the
    # long translations (p50 3.2 s) time out at 2 s from 13:05 (~60% of requests, 408). The org's
    # other config, Dahlia's gpt-4o and Épicéa's gpt-4o-mini (the incident) are not it.
    streams = [stream(a["id"], per_minute=12, p50=3200, p95=7000, prompt=3000, completion=1400,
                      config_id="pc-castor-traduction"),
               stream(a["id"], per_minute=8, p50=700, p95=1600, config_id="pc-castor-metadonnees"),
               stream(b["id"], per_minute=10, p50=900, p95=2200, config_id="pc-dahlia-shop"),
               stream(c["id"], model="gpt-4o-mini", per_minute=10, p50=600, p95=1500, config_id="pc-epicea-notes")]
    an = [timeouts(at(D, "13:05"), None, {"config_id": "pc-castor-traduction"}, 0.6, 2000),
          errors(at(D, "13:05"), at(D, "13:35"), {"model": "gpt-4o-mini"}, 0.3, 500, "provider_error")]
    cfg = [config("pc-castor-traduction", a["id"], "traduction", [target("vk-castor-openai", "gpt-4o", 2000)],
                  updated=at(D, "13:02")),
           one_target("pc-castor-metadonnees", a, "metadonnees", "vk-castor-openai", "gpt-4o", 30000),
           one_target("pc-dahlia-shop", b, "shop", "vk-dahlia-openai", "gpt-4o", 30000),
           one_target("pc-epicea-notes", c, "notes", "vk-epicea-openai", "gpt-4o-mini", 20000)]
    t = [ticket(16901, a, "Traductions en échec depuis ce matin",
                "Bonjour l'équipe,\n\nDepuis 9 h 05 environ (heure de Montréal), plus de la moitié de nos appels de "
                "traduction échouent avec un délai dépassé (408). Je vois qu'OpenAI a un incident en cours, donc "
                "j'imagine que ça vient de là? On a seulement baissé le timeout de la config ce matin pour que "
                "l'interface réponde plus vite, rien d'autre.\n\nTrace de notre service :\n"
                "2027-04-19 09:07:44-04:00 WARN traduction: RequestTimeout after 2000ms (config pc-castor-traduction)"
                "\n\nLes métadonnées (l'autre config) passent sans problème.\n\nMerci!\nGabrielle Tremblay\n"
                "Développeuse principale, Castor Éditions\nMontréal (Québec)", at(D, "15:20"), "Gabrielle Tremblay")]
    return scenario("", "api-errors-timeout-config-french-montreal",
                    "French ticket with a Montréal (EDT) time blaming OpenAI's incident: pc-castor-traduction was "
                    "edited at 13:02 UTC to a 2 s request_timeout, below its translations' 3.2 s median, so ~60% of "
                    "its requests time out (408) from 13:05 (customer_config). OpenAI's GPT-4o mini incident (another "
                    "model), a router-metrics deploy at 12:50, a sub-second timeout bug and the org's other config "
                    "are bystanders among 17 routine deploys.",
                    now, CO, [a, b, c], "2027-04-18T16:00:00Z", 16901, streams, an, t,
                    {16901: truth("api-errors", "customer_config", ["config:pc-castor-traduction"],
                                  [mini, f"github:deployment:{her}", "linear:issue:GW-1690",
                                   "config:pc-castor-metadonnees"], ["request_timeout", "13:05"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_FALLBACKS])


ALL = [api_errors_outage_and_limit_pt, latency_provider_model_fr, fallback_worked_ja, billing_input_dropped_es,
       metadata_provider_deploy_de, webhook_customer_429_en, routing_config_and_known_bug_es,
       api_errors_noisy_no_fault_en, latency_deploy_route_sydney_en, api_errors_timeout_config_fr_montreal]

if __name__ == "__main__":
    write_all(ALL)
