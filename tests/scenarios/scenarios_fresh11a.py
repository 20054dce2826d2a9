#!/usr/bin/env python3
"""Six library scenarios in June 2031, in the API-error, latency, provider-routing and fallback
patterns, written before the engine ran on them, each truth written from the data declared next to
it and asking for the refs a careful engineer cites with the cause (the deploy beside the config or
route it broke, the config beside the docs page it runs into, the incident beside its model):

- A fallback in formal Japanese (Tokyo, JST), two causes: Anthropic's incident makes
  claude-sonnet-4-6 answer 529 to 40% of requests 01:50-03:45 UTC (secondary, provider_outage); the
  org's fallback config lists 529 and fails over to gpt-4.1 until our router deploy #47140 (02:38,
  a retry budget shared across targets) stops every org's fallback configs failing over from 02:40
  (primary, deploy_regression). The customer suspects its fallback target is marked down because of
  the previous day's GPT-4.1 incident; an Anthropic header deploy at 01:20 is a bystander.
- A European Portuguese latency ticket (Lisbon, WEST) under a stale "Re:" subject with a quoted
  support reply: our embeddings deploy #47240 (09:16) multiplies the gateway's own time on
  `/v1/embeddings` for every org from 09:18; the customer blames an OpenAI latency incident on
  text-embedding-3-large (another model, over by 09:30) (deploy_regression).
- A German ticket (Vienna, CEST, typos) about 429s: the org's archive backfill, which shares its
  Anthropic provider account with the customer chat, runs six times its volume from 06:55 UTC and
  the org's Anthropic requests are refused 429 from 07:00, GPT untouched, no other org affected
  (rate_limited). The customer blames our rate-limiter deploy of 06:40.
- An English question-form ticket (Denver, MDT, typos): OpenAI's gpt-4.1-mini incident answers 503
  to 45% of every org's requests 16:05-17:25 UTC (provider_outage); the customer blames the key it
  rotated ten minutes before, and an OpenAI adapter deploy of 15:40.
- "Claude fails, GPT works" in French (Paris, CEST): someone at the org saved the Claude Sonnet
  config with `request_timeout` 8000 at 07:45 UTC and from 07:46 its long answers time out, while
  the org's Haiku config with the same 8000 and its GPT config are fine (customer_config). The
  customer suspects the previous day's Haiku incident; our streamed-timeout deploy of 07:05 is a
  bystander.
- A true no-fault in Mexican Spanish (Mexico City, question form): a big org with a 3% background
  error rate on four configs and an office-hours cycle sees hundreds of errors every day from 08:00
  local time, the rate the same today as the afternoon before (no_fault_found). An OpenAI adapter
  deploy that morning and an o4-mini incident (another org's model) tempt.

Time zones, June 2031: Japan UTC+9 (no summer time); Europe on summer time since 30 March (Lisbon
WEST UTC+1, Vienna and Paris CEST UTC+2); the US since 9 March (Denver MDT UTC-6); Mexico City UTC-6
all year (no summer time since 2022).

Every truth below is read from the data declared next to it (anomalies, configs, deploys, issues,
incidents, docs). Run it to rewrite the JSON files."""
import unicodedata

from compose import *  # noqa: F401,F403
from scenarios_fresh import cycle

CO = {"name": "Relay AI", "github_repo": "relay-ai/gateway"}


def mail_ticket(*args, **kwargs):
    """compose.ticket() with the requester's address in plain ASCII (inês@ -> ines@)."""
    t = ticket(*args, **kwargs)
    local, _, dom = t["requester"]["email"].partition("@")
    local = unicodedata.normalize("NFKD", local).encode("ascii", "ignore").decode()
    t["requester"]["email"] = f"{local}@{dom}"
    return t


DOC_TIMEOUTS = doc(
    "docs/routing/timeouts.md", "Request timeouts",
    "# Request timeouts\n\nEach target of a config may set `request_timeout` in **milliseconds**. A request "
    "whose provider has not answered within it is ended by the gateway and answered 408 (`error_code: "
    "request_timeout`); in a fallback config the next target is tried instead. Without it the gateway waits "
    "for the provider's own limit.\n\nSet it above the slowest answers you expect from that model: long "
    "prompts and long answers on the larger models (Claude Sonnet, GPT-4.1) often take 10 s or more, while "
    "small models usually answer in 1-2 s. A timeout that suits one model can cut off another's ordinary "
    "answers.\n")

DOC_PROVIDER_LIMITS = doc(
    "docs/limits/rate-limits.md", "Rate limits",
    "# Rate limits\n\nEach plan has a tokens-per-minute budget per organisation (growth 100k, scale 150k, "
    "enterprise by contract), shown on the dashboard's usage page.\n\n## Provider limits\n\nThe provider "
    "account behind a virtual key has its own limits, set by the provider (Anthropic, OpenAI) for that "
    "account. When they are reached the provider answers 429 and the gateway returns it with `error_code: "
    "rate_limited` and the provider's `retry-after`. Every config whose targets use that virtual key shares "
    "the account's limit, so a batch job can starve interactive traffic on the same key; requests on other "
    "virtual keys and providers are not affected. Give batch jobs their own virtual key (another provider "
    "account or workspace), or run them off-peak.\n")

DOC_EMBEDDINGS = doc(
    "docs/api/embeddings.md", "Embeddings",
    "# Embeddings\n\n`/v1/embeddings` accepts a string or an array of up to 2048 strings and routes it like "
    "any other request. `text-embedding-3-small` and `text-embedding-3-large` are supported on OpenAI. "
    "Each request log splits its time into `gateway_ms` and the provider's time.\n")


def fallback_529_router_deploy_and_sonnet_incident_ja():
    """Two causes: Anthropic's Sonnet incident (529s) and our router deploy that stops fallback
    configs failing over on them from 02:40. The customer suspects its fallback target."""
    Y, D, now = "2031-06-10", "2031-06-11", "2031-06-11T09:00:00Z"
    a = org("org_yamasemi", "Yamasemi Bussan", "yamasemi-bussan.co.jp", "enterprise")
    b = org("org_kujaku", "Kujaku Pay", "kujaku-pay.jp", "scale")
    c = org("org_seri", "Seri Health", "seri-health.jp", "growth")
    gh = github(CO, 47101, "2031-06-10T08:00:00Z", now, 22)
    hdr = gh.deploy(47141, at(D, "01:20"), "anthropic adapter: pass anthropic-ratelimit-* headers through",
                    ["src/providers/anthropic/headers.ts", "src/providers/anthropic/headers.test.ts"])
    bad = gh.deploy(47140, at(D, "02:38"), "router: one retry budget per request across fallback targets",
                    ["src/router/fallback.ts", "src/router/retry-budget.ts", "src/router/fallback.test.ts"],
                    message="router: count retries against a budget shared by all targets of a request (#7301)")
    sp = Statuspage(now)
    son = sp.incident("anthropic", "y2m4s6e8m0i2", "Elevated errors on Claude Sonnet 4.6", at(D, "01:50"),
                      at(D, "03:45"), "Some requests to Claude Sonnet 4.6 fail with overloaded (529) errors.")
    g41 = sp.incident("openai", "k3j5p7y9g1t3", "Elevated error rates for GPT-4.1", at(Y, "11:10"), at(Y, "11:50"),
                      "Some GPT-4.1 requests fail with 500 errors.")
    lin = [linear_issue("GW-7111", "Fallback: fallback_used stays 0 when the second target is served from cache",
                        "When a fallback target's answer comes from the semantic cache, the request log records "
                        "fallback_used = 0 and attempts = 1. Routing is correct; only the log fields are wrong.",
                        "2031-05-28T10:00:00Z", labels=("bug", "router"))]
    # 01:50-03:45 UTC (10:50-12:45 JST) claude-sonnet-4-6 answers 529 provider_overloaded to 40% of
    # every org's requests, Anthropic's incident. Yamasemi's inquiry bot pc-yamasemi-toiawase and
    # Kujaku's pc-kujaku-shinsa are fallback configs whose first target (Sonnet) lists 529 in
    # on_status_codes; until 02:40 their 529s are served by the second target (gpt-4.1 / gpt-4o,
    # fallback_used). Deploy #47140 (02:38, done 02:40) changed how the router counts retries across
    # targets; from 02:40 (11:40 JST) the 529s of both orgs' fallback configs reach the clients, until
    # the incident ends at 03:45. Seri's single-target Sonnet config has no fallback and gets the 529s
    # throughout. Yamasemi's Haiku and GPT-4.1-mini configs are fine. The header deploy at 01:20 came
    # before the incident and fallbacks kept working for an hour after it; yesterday's GPT-4.1
    # incident (11:10-11:50 UTC) was over long before; the cache-logging bug does not apply.
    sdk = "portkey-python/1.27.0"
    streams = [cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=14, p50=2400,
                            p95=5600, error_rate=0.02, config_id="pc-yamasemi-toiawase", key="vk-yamasemi-bot",
                            sdk=sdk), 1, 9, 0.3),
               cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=10, p50=700, p95=1700, error_rate=0.02,
                            config_id="pc-yamasemi-honyaku", key="vk-yamasemi-bot", sdk=sdk), 1, 9, 0.3),
               cycle(stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=6, p50=600,
                            p95=1500, error_rate=0.02, config_id="pc-yamasemi-shanai", key="vk-yamasemi-shanai",
                            sdk="portkey-node/2.14.0"), 1, 9, 0.3),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=8, p50=2300, p95=5400,
                      config_id="pc-kujaku-shinsa", sdk="portkey-node/2.14.0"),
               stream(b["id"], model="gpt-4.1", per_minute=5, p50=1500, p95=3400, config_id="pc-kujaku-faq",
                      sdk="portkey-node/2.14.0"),
               stream(c["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=5, p50=2500, p95=5800,
                      config_id="pc-seri-monshin")]
    an = [errors(at(D, "01:50"), at(D, "02:40"), {"config_id": "pc-yamasemi-toiawase"}, 0.4, 529,
                 "provider_overloaded", {"provider": "openai", "model": "gpt-4.1"}),
          errors(at(D, "02:40"), at(D, "03:45"), {"config_id": "pc-yamasemi-toiawase"}, 0.4, 529,
                 "provider_overloaded"),
          errors(at(D, "01:50"), at(D, "02:40"), {"config_id": "pc-kujaku-shinsa"}, 0.4, 529,
                 "provider_overloaded", {"provider": "openai", "model": "gpt-4o"}),
          errors(at(D, "02:40"), at(D, "03:45"), {"config_id": "pc-kujaku-shinsa"}, 0.4, 529, "provider_overloaded"),
          errors(at(D, "01:50"), at(D, "03:45"), {"config_id": "pc-seri-monshin"}, 0.4, 529, "provider_overloaded"),
          errors(at(Y, "11:10"), at(Y, "11:50"), {"model": "gpt-4.1"}, 0.3, 500, "provider_error")]
    cfg = [config("pc-yamasemi-toiawase", a["id"], "toiawase",
                  [target("vk-yamasemi-anthropic", "claude-sonnet-4-6", 30000, [429, 500, 502, 503, 529]),
                   target("vk-yamasemi-openai", "gpt-4.1", 30000)],
                  mode="fallback", updated="2031-03-05T02:00:00Z"),
           one_target("pc-yamasemi-honyaku", a, "honyaku", "vk-yamasemi-openai", "gpt-4.1-mini", 20000),
           one_target("pc-yamasemi-shanai", a, "shanai", "vk-yamasemi-anthropic", "claude-haiku-4-5", 20000),
           config("pc-kujaku-shinsa", b["id"], "shinsa",
                  [target("vk-kujaku-anthropic", "claude-sonnet-4-6", 30000, [429, 500, 503, 529]),
                   target("vk-kujaku-openai", "gpt-4o", 30000)], mode="fallback", updated="2031-04-18T01:00:00Z"),
           one_target("pc-kujaku-faq", b, "faq", "vk-kujaku-openai", "gpt-4.1", 30000),
           one_target("pc-seri-monshin", c, "monshin", "vk-seri-anthropic", "claude-sonnet-4-6", 60000)]
    t = [ticket(47101, a, "フォールバック設定が作動せず 529 エラーが返却される件について",
                "Relay サポートご担当者様\n\nいつも大変お世話になっております。山背物産 情報システム部の石田でございます。\n\n"
                "本日 11時40分ごろ（日本時間）より、お問い合わせ対応ボット（設定ID: pc-yamasemi-toiawase）において、"
                "Anthropic の 529 エラーがそのままアプリケーションへ返却される事象が発生しております。\n\n"
                "当該設定では Claude Sonnet 4.6 を第一候補とし、on_status_codes に 529 を含めたうえで GPT-4.1 へ"
                "フォールバックするよう構成しております。実際、11時前に Anthropic 側の障害が始まった直後は、"
                "GPT-4.1 へ正常に切り替わっていたことを当社ログで確認しております。\n\n"
                "Anthropic の障害自体は承知しておりますが、途中からフォールバックが作動しなくなった理由が"
                "分かりかねております。昨日 OpenAI の GPT-4.1 でも障害があったとのことですので、フォールバック先が"
                "利用不可と判定されたままになっているのでしょうか。なお、設定は3月以降一切変更しておりません。\n\n"
                "アプリケーションログ（抜粋）:\n```\n2031-06-11 11:52:07 JST [toiawase-bot] ERROR upstream status=529 "
                "body={\"error\":{\"code\":\"provider_overloaded\",\"message\":\"Overloaded\"}}\n"
                "2031-06-11 11:52:09 JST [toiawase-bot] ERROR upstream status=529 "
                "body={\"error\":{\"code\":\"provider_overloaded\",\"message\":\"Overloaded\"}}\n```\n\n"
                "原因ならびに今後の対策につきまして、ご教示いただけますと幸いです。\n何卒よろしくお願い申し上げます。\n\n"
                "石田 遥\n山背物産株式会社 情報システム部", at(D, "05:30"), "Haruka Ishida", priority="high")]
    # Primary: the deploy that stopped the failover, beside the customer's config that lists 529.
    # Secondary: the Sonnet incident and its model. Bystanders: the header deploy, yesterday's
    # GPT-4.1 incident, the cache-logging bug, the org's working GPT-4.1-mini config.
    return scenario("", "fallback-529-router-deploy-and-sonnet-incident-japanese",
                    "Formal Japanese ticket (JST, pasted log lines, suspects its fallback target is marked down "
                    "after the previous day's GPT-4.1 incident), two causes: 01:50-03:45 UTC claude-sonnet-4-6 "
                    "answers 529 to 40% of every org's requests during Anthropic's incident (secondary "
                    "provider_outage), and the org's fallback config, which lists 529, fails over to gpt-4.1 until "
                    "router deploy #47140 (02:38) makes every org's fallback configs pass the 529s on from 02:40 "
                    "(deploy_regression). An Anthropic header deploy at 01:20, the GPT-4.1 incident of the day "
                    "before and a fallback-logging bug are bystanders among 22 routine deploys.",
                    now, CO, [a, b, c], "2031-06-10T08:00:00Z", 47101, streams, an, t,
                    {47101: truth("fallback", "deploy_regression",
                                  [f"github:deployment:{bad}", "config:pc-yamasemi-toiawase"],
                                  [f"github:deployment:{hdr}", g41, "linear:issue:GW-7111",
                                   "config:pc-yamasemi-honyaku"],
                                  ["529", "02:40"],
                                  [secondary("provider_outage", [son, "model:claude-sonnet-4-6"])])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_FALLBACKS, DOC_RATE_LIMITS])


def latency_embeddings_gateway_deploy_pt():
    """Our embeddings deploy multiplies the gateway's own time on /v1/embeddings for every org;
    stale Re: subject with a quoted support reply; the customer blames an OpenAI incident on
    another embeddings model."""
    D, now = "2031-06-17", "2031-06-17T17:00:00Z"
    a = org("org_andorinha", "Andorinha Seguros", "andorinha-seguros.pt", "enterprise")
    b = org("org_sobreiro", "Sobreiro Imobiliária", "sobreiro.pt", "scale")
    c = org("org_rola", "Rola Labs", "rolalabs.io", "growth")
    gh = github(CO, 47201, "2031-06-16T12:00:00Z", now, 18)
    warm = gh.deploy(47241, at(D, "08:50"), "openai adapter: warm the connection pool at startup",
                     ["src/providers/openai/pool.ts", "src/providers/openai/pool.test.ts"])
    bad = gh.deploy(47240, at(D, "09:16"), "embeddings: normalise and dedupe batch inputs before routing",
                    ["src/routes/embeddings/normalise.ts", "src/routes/embeddings/batch.ts",
                     "src/routes/embeddings/normalise.test.ts"],
                    message="embeddings route: unicode-normalise and dedupe array inputs before routing (#7322)")
    sp = Statuspage(now)
    emb = sp.incident("openai", "e5l7a9r1g3e5", "Increased latency for text-embedding-3-large", at(D, "08:30"),
                      at(D, "09:30"), "Some text-embedding-3-large requests are slower than usual.", impact="minor")
    lin = [linear_issue("GW-7211", "Embeddings: dimensions parameter ignored for text-embedding-3-large",
                        "Requests to text-embedding-3-large with `dimensions` set get full-size vectors back. "
                        "Timing is unaffected.", "2031-06-03T10:00:00Z", state="Todo", labels=("bug", "embeddings"))]
    # From 09:18 UTC (10:18 in Lisbon, WEST, UTC+1), two minutes after deploy #47240 changed how
    # /v1/embeddings handles array inputs, the gateway's own time (gateway_ms) on that route is 45
    # times its usual for every org and model: Andorinha's search (text-embedding-3-small), Sobreiro's
    # listings (3-small) and Rola's RAG (3-large). The provider's time is unchanged, except Rola's
    # 3-large during OpenAI's incident 08:30-09:30 (before the deploy and another model). Andorinha's
    # chat (gpt-4.1-mini) and claims triage (claude-sonnet-4-6) are unchanged. The pool warm-up deploy
    # at 08:50 touched every OpenAI request and chat kept its timing; the dimensions bug is no timing.
    # Andorinha is a big org: 3% background errors and a Lisbon office-hours cycle (07:00-18:00 UTC).
    sdk = "portkey-python/1.27.0"
    streams = [cycle(stream(a["id"], route="/v1/embeddings", model="text-embedding-3-small", per_minute=16,
                            p50=110, p95=280, gateway_ms=10, prompt=600, completion=0, error_rate=0.03,
                            config_id="pc-andorinha-pesquisa", key="vk-andorinha-portal", sdk=sdk), 7, 18, 0.25),
               cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=12, p50=700, p95=1700, error_rate=0.03,
                            config_id="pc-andorinha-assistente", key="vk-andorinha-portal", sdk=sdk), 7, 18, 0.25),
               cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=8, p50=2300,
                            p95=5400, error_rate=0.03, config_id="pc-andorinha-sinistros", key="vk-andorinha-interno",
                            sdk="portkey-node/2.14.0"), 7, 18, 0.25),
               stream(b["id"], route="/v1/embeddings", model="text-embedding-3-small", per_minute=6, p50=110, p95=280,
                      gateway_ms=10, prompt=400, completion=0, config_id="pc-sobreiro-anuncios"),
               stream(c["id"], route="/v1/embeddings", model="text-embedding-3-large", per_minute=5, p50=160,
                      p95=400, gateway_ms=10, prompt=800, completion=0, config_id="pc-rola-rag")]
    an = [latency(at(D, "09:18"), None, {"route": "/v1/embeddings"}, 45.0, component="gateway"),
          latency(at(D, "08:30"), at(D, "09:30"), {"model": "text-embedding-3-large"}, 2.5)]
    cfg = [one_target("pc-andorinha-pesquisa", a, "pesquisa", "vk-andorinha-openai", "text-embedding-3-small", 10000),
           one_target("pc-andorinha-assistente", a, "assistente", "vk-andorinha-openai", "gpt-4.1-mini", 30000),
           one_target("pc-andorinha-sinistros", a, "sinistros", "vk-andorinha-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-sobreiro-anuncios", b, "anuncios", "vk-sobreiro-openai", "text-embedding-3-small", 10000),
           one_target("pc-rola-rag", c, "rag", "vk-rola-openai", "text-embedding-3-large", 10000)]
    t = [mail_ticket(47201, a, "Re: Pedido de aumento do limite de tokens por minuto",
                     "Olá de novo,\n\nAproveito este fio porque é a mesma equipa, mas o assunto agora é outro. Desde "
                     "as 10h20, mais coisa menos coisa (hora de Lisboa), a pesquisa semântica do portal de clientes "
                     "ficou lenta: as chamadas de embeddings (text-embedding-3-small, config pc-andorinha-pesquisa) "
                     "tinham um p95 abaixo dos 300 ms e agora andam pelos 700-800 ms. O assistente do portal e a "
                     "triagem de sinistros (Claude) estão normais.\n\nNa página de estado da OpenAI aparecia esta "
                     "manhã um incidente de latência nos embeddings, por isso calculo que o problema seja do lado "
                     "deles, mas o incidente já está dado como resolvido e a lentidão continua. Conseguem "
                     "confirmar? Também nos passou pela cabeça que o novo limite pudesse estar a atrasar pedidos, "
                     "mas não vemos nenhum 429.\n\nCumprimentos,\nInês Carvalho\nArquitetura de Soluções | "
                     "Andorinha Seguros\n\n-----\nEm 12/06/2031, às 15:02, Relay Support escreveu:\n> Olá Inês,\n"
                     "> o limite da vossa organização foi aumentado para 400 mil tokens por minuto, com efeito "
                     "imediato. Se voltarem a ver respostas 429, respondam a este email.\n> Cumprimentos,\n> Rui, "
                     "Relay Support", at(D, "15:40"), "Inês Carvalho")]
    # The slow requests share a route across three orgs and two models, the time is the gateway's own,
    # from two minutes after the deploy that changed that route: the root cause cites the deploy and
    # the route. Bystanders: the pool deploy, the 3-large incident, the dimensions bug, the org's chat.
    return scenario("", "latency-spike-embeddings-gateway-deploy-lisbon-portuguese-stale-subject",
                    "European Portuguese ticket under a stale rate-limit subject with a quoted support reply "
                    "(Lisbon, WEST, blames OpenAI's embeddings incident): from 09:18 UTC, two minutes after deploy "
                    "#47240 changed how /v1/embeddings normalises array inputs, the gateway's own time on that "
                    "route is 45 times its usual for every org and embeddings model, the provider's time and the "
                    "org's chat and Claude configs unchanged (deploy_regression). An OpenAI pool deploy at 08:50, "
                    "OpenAI's text-embedding-3-large latency incident (08:30-09:30, another org's model) and a "
                    "dimensions bug are bystanders among 18 routine deploys; the org has 3% background errors and "
                    "an office-hours cycle.",
                    now, CO, [a, b, c], "2031-06-16T12:00:00Z", 47201, streams, an, t,
                    {47201: truth("latency-spike", "deploy_regression",
                                  [f"github:deployment:{bad}", "route:/v1/embeddings"],
                                  [f"github:deployment:{warm}", emb, "linear:issue:GW-7211",
                                   "config:pc-andorinha-assistente"],
                                  ["/v1/embeddings", "09:18"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_EMBEDDINGS, DOC_RATE_LIMITS])


def api_errors_anthropic_account_limit_batch_de():
    """The org's archive backfill moved into the day and shares the Anthropic provider account with
    the customer chat: the org's Anthropic requests are refused 429 from 07:00; the customer blames
    our rate-limiter deploy."""
    Y, D, now = "2031-06-23", "2031-06-24", "2031-06-24T14:30:00Z"
    a = org("org_zirbe", "Zirbe Versicherung", "zirbe-versicherung.at", "enterprise")
    b = org("org_edelweiss", "Edelweiss Reisen", "edelweiss-reisen.at", "scale")
    c = org("org_almrausch", "Almrausch Apps", "almrausch.app", "growth")
    gh = github(CO, 47301, "2031-06-23T09:00:00Z", now, 24)
    lim = gh.deploy(47340, at(D, "06:40"), "rate limiter: move org token budgets to the redis cluster",
                    ["src/limits/org-budget.ts", "src/limits/redis-store.ts", "src/limits/org-budget.test.ts"])
    sp = Statuspage(now)
    opus = sp.incident("anthropic", "z4o6p8u0s2a4", "Elevated errors on Claude Opus 4.1", at(Y, "15:00"),
                       at(Y, "15:50"), "Some requests to Claude Opus 4.1 fail with overloaded errors.")
    lin = [linear_issue("GW-7311", "Rate limiter: retry-after missing on org-budget 429s for streamed requests",
                        "When the organisation budget refuses a streamed request, the 429 carries no retry-after "
                        "header. Non-streamed requests and provider 429s are not affected.",
                        "2031-06-09T10:00:00Z", state="Todo", labels=("bug", "limits"))]
    # Zirbe's archive backfill pc-zirbe-archiv (claude-sonnet-4-6, long prompts) usually sends 3
    # requests a minute; from 06:55 UTC (08:55 in Vienna, CEST) it sends six times as many and keeps
    # on. All of Zirbe's Anthropic configs name the same virtual key vk-zirbe-anthropic (one Anthropic
    # account), and from 07:00 35% of Zirbe's Anthropic requests are answered 429 rate_limited: the
    # customer chat (pc-zirbe-kundenchat, Sonnet), the claims intake (pc-zirbe-schaden, Haiku) and the
    # backfill itself. Zirbe's GPT-4.1 tariff calculator (vk-zirbe-openai) and the other orgs get no
    # 429. The rate-limits page: a provider account's limit is shared by every config on its virtual
    # key. The org-budget deploy at 06:40 would refuse every provider of an org, and nothing was refused
    # in the 20 minutes after it; yesterday's Opus incident is another org's model and over; the
    # retry-after bug is about the org budget on streamed requests.
    web = "vk-zirbe-web"
    streams = [cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=12, p50=2300,
                            p95=5400, error_rate=0.02, config_id="pc-zirbe-kundenchat", key=web,
                            sdk="portkey-node/2.14.0"), 6, 16, 0.3),
               stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=3, p50=9000, p95=20000,
                      prompt=9000, completion=900, error_rate=0.02, config_id="pc-zirbe-archiv",
                      key="vk-zirbe-batch", sdk="portkey-python/1.27.0"),
               cycle(stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=6, p50=600, p95=1500,
                            error_rate=0.02, config_id="pc-zirbe-schaden", key=web, sdk="portkey-node/2.14.0"),
                     6, 16, 0.3),
               cycle(stream(a["id"], model="gpt-4.1", per_minute=8, p50=1500, p95=3400, error_rate=0.02,
                            config_id="pc-zirbe-tarife", key=web, sdk="portkey-node/2.14.0"), 6, 16, 0.3),
               stream(b["id"], provider="anthropic", model="claude-opus-4-1", per_minute=4, p50=5000, p95=11000,
                      config_id="pc-edelweiss-buchung"),
               stream(c["id"], model="gpt-4.1-mini", per_minute=6, p50=700, p95=1700, config_id="pc-almrausch-app")]
    an = [volume(at(D, "06:55"), None, {"config_id": "pc-zirbe-archiv"}, 6.0),
          rate_limited(at(D, "07:00"), None, {"org": a["id"], "provider": "anthropic"}, 0.35),
          errors(at(Y, "15:00"), at(Y, "15:50"), {"model": "claude-opus-4-1"}, 0.3, 529, "provider_overloaded")]
    cfg = [one_target("pc-zirbe-kundenchat", a, "kundenchat", "vk-zirbe-anthropic", "claude-sonnet-4-6", 60000),
           one_target("pc-zirbe-archiv", a, "archiv", "vk-zirbe-anthropic", "claude-sonnet-4-6", 120000),
           one_target("pc-zirbe-schaden", a, "schaden", "vk-zirbe-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-zirbe-tarife", a, "tarife", "vk-zirbe-openai", "gpt-4.1", 30000),
           one_target("pc-edelweiss-buchung", b, "buchung", "vk-edelweiss-anthropic", "claude-opus-4-1", 90000),
           one_target("pc-almrausch-app", c, "app", "vk-almrausch-openai", "gpt-4.1-mini", 20000)]
    t = [ticket(47301, a, "429 Fehler im Kundenchat - dringend",
                "Servus,\n\nseit heute ca. 9 Uhr (Wiener Zeit) bekommt unser Kundenchat bei grob einem Drittel "
                "der Anfragen HTTP 429 zurück. Betroffen ist laut unseren Logs vor allem der Chat auf Claude "
                "Sonnet 4.6, bei der Schadensmeldung (Haiku) sehen wir es auch immer wieder. Die Tarifrechner auf "
                "GPT-4.1 laufen sauber. Eine Störung bei Anthropc sehen wir auf deren Statusseite nicht.\n\nAn "
                "unserem Kontingent kann es nicht liegen, im Dashboard sind wir weit weg vom Limit. Ich hab in "
                "eurem Changelog gesehen, dass heute in der Früh am Rate Limiter was umgebaut wurde (Redis?) - "
                "ich tippe stark darauf, dass da was schiefgegangen ist. Könnt ihr das bitte zurückrollen oder "
                "uns zumindest vorübergehend eine Ausnahme einrichten?\n\nFehlermeldnug aus dem Backend:\n```\n"
                "2031-06-24T09:14:31+02:00 WARN chat-backend: upstream 429 {\"error\":{\"code\":\"rate_limited\","
                "\"message\":\"Rate limit exceeded, please retry later\"}} retry_after=20\n```\n\nZur Info: unser "
                "Datenteam hat diese Woche seine Jobplanung umgestellt, das betrifft aber nur Batch-Zeug und "
                "nicht den Chat.\n\nDanke & lg\nFlorian Gruber\nPlattformteam, Zirbe Versicherung AG",
                at(D, "08:20"), "Florian Gruber", priority="high")]
    # The 429s hit exactly the configs on the org's Anthropic virtual key, from five minutes after the
    # backfill on that key went to six times its volume: the root cause cites the backfill config and
    # the page on provider limits. Bystanders: the org-budget deploy, yesterday's Opus incident, the
    # retry-after bug, the org's GPT config.
    return scenario("", "api-errors-anthropic-account-limit-batch-backfill-vienna-german",
                    "German ticket (Vienna, CEST, typos, blames our rate-limiter deploy, 'far from the limit'): "
                    "from 06:55 UTC the org's archive backfill pc-zirbe-archiv sends six times its volume on the "
                    "Anthropic virtual key it shares with the customer chat and the claims intake, and from 07:00 "
                    "35% of the org's Anthropic requests are refused 429 rate_limited, its GPT-4.1 config and the "
                    "other orgs untouched, as the rate-limits page says of a provider account's limit "
                    "(rate_limited). An org-budget limiter deploy at 06:40, the previous day's Opus incident and a "
                    "retry-after bug are bystanders among 24 routine deploys.",
                    now, CO, [a, b, c], "2031-06-23T09:00:00Z", 47301, streams, an, t,
                    {47301: truth("api-errors", "rate_limited",
                                  ["config:pc-zirbe-archiv", "docs:docs/limits/rate-limits.md"],
                                  [f"github:deployment:{lim}", opus, "linear:issue:GW-7311", "config:pc-zirbe-tarife"],
                                  ["429", "pc-zirbe-archiv"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_PROVIDER_LIMITS])


def api_errors_mini_503_outage_key_rotation_en():
    """OpenAI's gpt-4.1-mini incident answers 503 to 45% of every org's requests; the customer
    blames the key it rotated ten minutes before, and an OpenAI adapter deploy."""
    D, now = "2031-06-05", "2031-06-05T22:00:00Z"
    a = org("org_sagebrush", "Sagebrush Outfitters", "sagebrushoutfitters.com", "enterprise")
    b = org("org_pronghorn", "Pronghorn Freight", "pronghornfreight.com", "scale")
    c = org("org_aspenleaf", "Aspenleaf Clinics", "aspenleafclinics.com", "growth")
    gh = github(CO, 47401, "2031-06-04T20:00:00Z", now, 15)
    tier = gh.deploy(47440, at(D, "15:40"), "openai adapter: send service_tier when a config sets it",
                     ["src/providers/openai/request.ts", "src/providers/openai/request.test.ts"])
    sp = Statuspage(now)
    mini = sp.incident("openai", "m1n3i5o7u9t1", "Elevated error rates for GPT-4.1 mini", at(D, "16:05"),
                       at(D, "17:25"), "We are seeing elevated 503 errors on GPT-4.1 mini requests.")
    son = sp.incident("anthropic", "s8b0r2u4s6h8", "Elevated latency on Claude Sonnet 4.6", at(D, "04:10"),
                      at(D, "04:50"), "Requests to Claude Sonnet 4.6 are slower than usual.", impact="minor")
    lin = [linear_issue("GW-7411", "API keys: last-used timestamp not updated for keys rotated via the API",
                        "A key created through POST /v1/api-keys/rotate shows 'never used' on the dashboard "
                        "although its requests succeed. Display only.", "2031-05-30T10:00:00Z", state="Todo",
                        labels=("bug", "dashboard"))]
    # 16:05-17:25 UTC (10:05-11:25 in Denver, MDT, UTC-6) gpt-4.1-mini answers 503
    # provider_unavailable to 45% of every org's requests, OpenAI's incident: Sagebrush's fit finder
    # (web API key) and returns assistant (mobile API key), and Pronghorn's dispatch bot. Sagebrush
    # rotated its web API key at 15:55 (the fit finder and the catalog tagger move to the new key) and
    # the catalog tagger on the new key (claude-haiku-4-5) and the review summariser (gpt-4.1, ops key)
    # are fine: the split is the model, not the key. The service_tier deploy at 15:40 touched every
    # OpenAI request and nothing failed in the 25 minutes after it, nor on gpt-4.1 at all; the Sonnet
    # incident was that night and on a model Aspenleaf uses; the key display bug changes no request.
    # Sagebrush is a big org: 2.5% background errors, a US office-hours cycle (14:00-23:00 UTC).
    old, new = "vk-sagebrush-web", "vk-sagebrush-web-q2"

    def web(key, **kw):
        return cycle(stream(a["id"], key=key, error_rate=0.025, sdk="portkey-node/2.14.0", **kw), 14, 23, 0.25)

    streams = [web(old, model="gpt-4.1-mini", per_minute=14, p50=700, p95=1700, config_id="pc-sagebrush-fitfinder"),
               web(new, model="gpt-4.1-mini", per_minute=14, p50=700, p95=1700, config_id="pc-sagebrush-fitfinder"),
               web(old, provider="anthropic", model="claude-haiku-4-5", per_minute=8, p50=600, p95=1500,
                   config_id="pc-sagebrush-catalog"),
               web(new, provider="anthropic", model="claude-haiku-4-5", per_minute=8, p50=600, p95=1500,
                   config_id="pc-sagebrush-catalog"),
               cycle(stream(a["id"], model="gpt-4.1-mini", per_minute=8, p50=700, p95=1700, error_rate=0.025,
                            config_id="pc-sagebrush-returns", key="vk-sagebrush-mobile", sdk="portkey-python/1.27.0"),
                     14, 23, 0.25),
               cycle(stream(a["id"], model="gpt-4.1", per_minute=5, p50=1600, p95=3600, error_rate=0.025,
                            config_id="pc-sagebrush-reviews", key="vk-sagebrush-ops", sdk="portkey-python/1.27.0"),
                     14, 23, 0.25),
               stream(b["id"], model="gpt-4.1-mini", per_minute=6, p50=700, p95=1700, config_id="pc-pronghorn-dispatch"),
               stream(c["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=4, p50=2300, p95=5400,
                      config_id="pc-aspenleaf-notes")]
    an = [volume(at(D, "15:55"), None, {"api_key_id": old}, 0.0),
          volume("2031-06-04T20:00:00Z", at(D, "15:55"), {"api_key_id": new}, 0.0),
          errors(at(D, "16:05"), at(D, "17:25"), {"model": "gpt-4.1-mini"}, 0.45, 503, "provider_unavailable"),
          latency(at(D, "04:10"), at(D, "04:50"), {"model": "claude-sonnet-4-6"}, 2.5)]
    cfg = [one_target("pc-sagebrush-fitfinder", a, "fitfinder", "vk-sagebrush-openai", "gpt-4.1-mini", 20000),
           one_target("pc-sagebrush-catalog", a, "catalog", "vk-sagebrush-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-sagebrush-returns", a, "returns", "vk-sagebrush-openai", "gpt-4.1-mini", 20000),
           one_target("pc-sagebrush-reviews", a, "reviews", "vk-sagebrush-openai", "gpt-4.1", 60000),
           one_target("pc-pronghorn-dispatch", b, "dispatch", "vk-pronghorn-openai", "gpt-4.1-mini", 20000),
           one_target("pc-aspenleaf-notes", c, "notes", "vk-aspenleaf-anthropic", "claude-sonnet-4-6", 60000)]
    t = [ticket(47401, a, "why are half our mini calls failing w/ 503??",
                "hey Relay folks,\n\nquick one (hopefully). starting right around 10am Mountain our fit-finder "
                "widget is getting 503s back on maybe 40-50% of calls to gpt 4.1 mini. we rotated the web key "
                "this morning at like 9:55 as part of our quarterly key hygiene, so my first guess is the new key "
                "is missing some permission or got a lower rate limit than the old one?? is there a per-key limit "
                "we dont know about\n\nthe catalog tagger uses the same new key (w/ haiku) and seems ok so idk. "
                "the returns assistant is on the mobile key, havent checked it yet.\n\nsample from our logs:\n"
                "```\n[2031-06-05 10:21:44 MDT] fitfinder.recommend ERROR RelayAPIError status=503 "
                "code=provider_unavailable req=req_8f2c1e0b\n[2031-06-05 10:21:47 MDT] fitfinder.recommend "
                "ERROR RelayAPIError status=503 code=provider_unavailable req=req_8f2c1e91\n```\n\nalso noticed "
                "you shipped something to the openai adapter earlier today (changelog), could that be it?\n\n"
                "thx\nMarcus Bell\nSr Backend Eng, Sagebrush Outfitters", at(D, "16:50"), "Marcus Bell",
                priority="high")]
    # Every org's gpt-4.1-mini fails, on either key, the same minutes as OpenAI's incident on that
    # model: the root cause cites the incident and the model. Bystanders: the service_tier deploy, the
    # night's Sonnet incident, the key display bug, the org's Haiku config on the new key.
    return scenario("", "api-errors-mini-503-outage-key-rotation-guess-denver-english",
                    "Casual English question-form ticket (Denver, MDT, typos, blames its own key rotation at 15:55 "
                    "UTC and an OpenAI adapter deploy): 16:05-17:25 UTC gpt-4.1-mini answers 503 to 45% of every "
                    "org's requests during OpenAI's incident, on the org's rotated web key and its mobile key alike, "
                    "while its Haiku config on the new key and its GPT-4.1 config are fine (provider_outage). A "
                    "service_tier deploy at 15:40, an overnight Sonnet latency incident and a key display bug are "
                    "bystanders among 15 routine deploys; the org has 2.5% background errors and an office-hours "
                    "cycle.",
                    now, CO, [a, b, c], "2031-06-04T20:00:00Z", 47401, streams, an, t,
                    {47401: truth("api-errors", "provider_outage", [mini, "model:gpt-4.1-mini"],
                                  [f"github:deployment:{tier}", son, "linear:issue:GW-7411",
                                   "config:pc-sagebrush-catalog"],
                                  ["503", "gpt-4.1-mini"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_RATE_LIMITS])


def routing_claude_timeout_8s_fr():
    """"Claude fails, GPT works": the org saved its Sonnet config with request_timeout 8000 and its
    long answers time out; its Haiku config with the same 8000 and its GPT config are fine. The
    customer suspects the previous day's Haiku incident; our streamed-timeout deploy is earlier."""
    Y, D, now = "2031-06-18", "2031-06-19", "2031-06-19T16:00:00Z"
    a = org("org_grive", "Grive Mutuelle", "grive-mutuelle.fr", "enterprise")
    b = org("org_chevreuil", "Chevreuil Voyages", "chevreuil-voyages.fr", "scale")
    c = org("org_sittelle", "Sittelle Studio", "sittelle.studio", "growth")
    gh = github(CO, 47501, "2031-06-18T12:00:00Z", now, 20)
    sse = gh.deploy(47540, at(D, "07:05"), "router: enforce request_timeout on streamed (SSE) responses",
                    ["src/router/timeout.ts", "src/router/sse-relay.ts", "src/router/timeout.test.ts"])
    sp = Statuspage(now)
    hk = sp.incident("anthropic", "h9k1u3a5i7k9", "Elevated errors on Claude Haiku 4.5", at(Y, "13:10"),
                     at(Y, "13:50"), "Some requests to Claude Haiku 4.5 fail with overloaded errors.")
    lin = [linear_issue("GW-7511", "Anthropic: stop_sequences longer than 4 entries rejected 400",
                        "Requests with more than four stop_sequences are refused 400 invalid_request by the "
                        "Anthropic adapter instead of being truncated.", "2031-06-06T10:00:00Z", state="Todo",
                        labels=("bug", "provider:anthropic"))]
    # At 07:45 UTC (09:45 in Paris, CEST) someone at Grive saved pc-grive-adherents (members' area,
    # claude-sonnet-4-6, long prompts with attachments, p95 about 11 s) with request_timeout 8000
    # (before: 60000). From 07:46 the requests that take longer than 8 s, about 22%, are ended at
    # 8000 ms and fail; nothing else changed on them. Grive's e-mail triage (pc-grive-tri,
    # claude-haiku-4-5, p95 1.5 s) has had request_timeout 8000 for months and is fine, as is its
    # GPT-4.1 quotes config (30000) and Chevreuil's Sonnet config (60000). The timeouts page: the
    # value is in milliseconds, set it above the model's slowest answers. The SSE deploy at 07:05
    # concerns streamed answers (none of these is streamed) and nothing timed out in the 40 minutes
    # after it; the Haiku incident was the day before; the stop_sequences bug answers 400 at once.
    sdk = "portkey-python/1.27.0"
    streams = [cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=12, p50=4000,
                            p95=11000, prompt=7000, completion=600, error_rate=0.02, config_id="pc-grive-adherents",
                            key="vk-grive-portail", sdk=sdk), 6, 17, 0.3),
               cycle(stream(a["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=10, p50=600,
                            p95=1500, error_rate=0.02, config_id="pc-grive-tri", key="vk-grive-interne",
                            sdk=sdk), 6, 17, 0.3),
               cycle(stream(a["id"], model="gpt-4.1", per_minute=8, p50=1500, p95=3400, error_rate=0.02,
                            config_id="pc-grive-devis", key="vk-grive-portail", sdk=sdk), 6, 17, 0.3),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=6, p50=2300, p95=5400,
                      config_id="pc-chevreuil-itineraires"),
               stream(c["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=5, p50=600, p95=1500,
                      config_id="pc-sittelle-bot")]
    an = [timeouts(at(D, "07:46"), None, {"config_id": "pc-grive-adherents"}, 0.22, 8000),
          errors(at(Y, "13:10"), at(Y, "13:50"), {"model": "claude-haiku-4-5"}, 0.3, 529, "provider_overloaded")]
    cfg = [config("pc-grive-adherents", a["id"], "adherents",
                  [target("vk-grive-anthropic", "claude-sonnet-4-6", 8000)], updated=at(D, "07:45")),
           config("pc-grive-tri", a["id"], "tri", [target("vk-grive-anthropic", "claude-haiku-4-5", 8000)],
                  updated="2031-02-03T09:30:00Z"),
           one_target("pc-grive-devis", a, "devis", "vk-grive-openai", "gpt-4.1", 30000),
           one_target("pc-chevreuil-itineraires", b, "itineraires", "vk-chevreuil-anthropic", "claude-sonnet-4-6",
                      60000),
           one_target("pc-sittelle-bot", c, "bot", "vk-sittelle-anthropic", "claude-haiku-4-5", 20000)]
    t = [mail_ticket(47501, a, "Claude tombe en erreur une fois sur quatre, GPT-4.1 OK",
                     "Bonjour,\n\nDepuis ce matin vers 9h45 (heure de Paris), l'espace adhérents (config "
                     "pc-grive-adherents, Claude Sonnet 4.6) renvoie des erreurs sur environ un quart des requêtes. "
                     "Ce sont surtout les questions longues qui échouent (questions sur les contrats avec pièces "
                     "jointes). Côté GPT-4.1, pour les devis, rien à signaler, et le tri des courriels sur Claude "
                     "Haiku fonctionne aussi.\n\nNous avons vu qu'Anthropic avait eu un incident hier après-midi : "
                     "est-ce que ça continue chez eux sans être affiché ? De notre côté, rien n'a été déployé depuis "
                     "lundi.\n\nExemple de réponse reçue :\n```\nHTTP/1.1 408 Request Timeout\n"
                     "{\"error\":{\"code\":\"request_timeout\",\"message\":\"Request timed out\"}}\n```\n\n"
                     "Merci d'avance pour votre retour.\nBien cordialement,\n\nCamille Lefèvre\nResponsable des "
                     "intégrations – Grive Mutuelle", at(D, "12:15"), "Camille Lefèvre")]
    # One config, saved a minute before the onset with a timeout below its model's slow answers, fails
    # by timeout; the same 8000 on a fast model works: the root cause cites the config and the page.
    # Bystanders: the SSE deploy, yesterday's Haiku incident, the stop_sequences bug, the Haiku config.
    return scenario("", "provider-routing-claude-timeout-8s-haiku-incident-guess-french",
                    "French ticket (Paris, CEST) contrasting Claude with GPT-4.1 and asking whether the previous "
                    "day's Anthropic incident goes on: at 07:45 UTC someone at the org saved pc-grive-adherents "
                    "(claude-sonnet-4-6, long prompts, p95 11 s) with request_timeout 8000, and from 07:46 its "
                    "answers slower than 8 s (22%) time out, while the org's Haiku config with the same 8000, its "
                    "GPT-4.1 config and another org's Sonnet are fine, as the timeouts page explains "
                    "(customer_config). A streamed-timeout deploy at 07:05, the Haiku incident of the day before "
                    "and a stop_sequences bug are bystanders among 20 routine deploys.",
                    now, CO, [a, b, c], "2031-06-18T12:00:00Z", 47501, streams, an, t,
                    {47501: truth("provider-routing", "customer_config",
                                  ["config:pc-grive-adherents", "docs:docs/routing/timeouts.md"],
                                  [f"github:deployment:{sse}", hk, "linear:issue:GW-7511", "config:pc-grive-tri"],
                                  ["request_timeout", "8000"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_TIMEOUTS, DOC_FALLBACKS])


def api_errors_office_hours_no_fault_es():
    """A big org's error count rises every day with its office-hours volume, the rate flat at 3%
    as the afternoon before; an OpenAI adapter deploy and an o4-mini incident tempt."""
    Y, D, now = "2031-06-25", "2031-06-26", "2031-06-26T23:30:00Z"
    a = org("org_cacomixtle", "Cacomixtle Finanzas", "cacomixtle.mx", "enterprise")
    b = org("org_zenzontle", "Zenzontle Viajes", "zenzontle.mx", "scale")
    c = org("org_huitla", "Huitla Apps", "huitla.app", "growth")
    gh = github(CO, 47601, "2031-06-25T18:00:00Z", now, 26)
    her = gh.deploy(47640, at(D, "15:12"), "openai adapter: map the new refusal finish_reason",
                    ["src/providers/openai/response.ts", "src/providers/openai/response.test.ts"])
    sp = Statuspage(now)
    o4 = sp.incident("openai", "o4h6u8i0t2l4", "Elevated error rates on o4-mini", at(D, "15:30"), at(D, "16:20"),
                     "Some o4-mini requests fail with 500 errors.")
    lin = [linear_issue("GW-7611", "Edge: sporadic 502s from the mx-central PoP",
                        "A bad health check took mx-central nodes in and out of rotation; clients saw bursts of "
                        "502 for a few seconds.", "2031-06-08T10:00:00Z", state="Done", labels=("bug", "edge"),
                        completed="2031-06-12T16:00:00Z")]
    # Cacomixtle is a big org: four configs (onboarding on gpt-4.1-mini, collections on
    # claude-haiku-4-5, anti-fraud on gpt-4.1, document search on embeddings), every stream with a 3%
    # background error rate and an office-hours cycle 14:00-23:00 UTC (08:00-17:00 in Mexico City,
    # UTC-6 all year since 2022), a fifth of the volume at night. The error count climbs each morning
    # with the volume and the rate stays at 3%, this afternoon as yesterday afternoon (18:00-23:00 UTC
    # both days), on every config and model. Nothing changed. The adapter deploy at 15:12 touched every
    # OpenAI request and no rate moved after it; the o4-mini incident (15:30-16:20) is Huitla's model;
    # the mx-central bug was fixed two weeks before.
    sdk = "portkey-python/1.27.0"

    def office(**kw):
        return cycle(stream(a["id"], error_rate=0.03, sdk=sdk, **kw), 14, 23, 0.2)

    streams = [office(model="gpt-4.1-mini", per_minute=14, p50=700, p95=1700, config_id="pc-cacomixtle-onboarding",
                      key="vk-cacomixtle-app"),
               office(provider="anthropic", model="claude-haiku-4-5", per_minute=10, p50=600, p95=1500,
                      config_id="pc-cacomixtle-cobranza", key="vk-cacomixtle-app"),
               office(model="gpt-4.1", per_minute=8, p50=1500, p95=3400, config_id="pc-cacomixtle-antifraude",
                      key="vk-cacomixtle-riesgo"),
               office(route="/v1/embeddings", model="text-embedding-3-small", per_minute=8, p50=110, p95=280,
                      prompt=500, completion=0, config_id="pc-cacomixtle-documentos", key="vk-cacomixtle-riesgo"),
               stream(b["id"], model="gpt-4.1-mini", per_minute=6, p50=700, p95=1700, config_id="pc-zenzontle-reservas"),
               stream(c["id"], model="o4-mini", per_minute=4, p50=4000, p95=9000, config_id="pc-huitla-tutor")]
    an = [errors(at(D, "15:30"), at(D, "16:20"), {"model": "o4-mini"}, 0.3, 500, "provider_error")]
    cfg = [one_target("pc-cacomixtle-onboarding", a, "onboarding", "vk-cacomixtle-openai", "gpt-4.1-mini", 20000),
           one_target("pc-cacomixtle-cobranza", a, "cobranza", "vk-cacomixtle-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-cacomixtle-antifraude", a, "antifraude", "vk-cacomixtle-openai", "gpt-4.1", 30000),
           one_target("pc-cacomixtle-documentos", a, "documentos", "vk-cacomixtle-openai", "text-embedding-3-small",
                      10000),
           one_target("pc-zenzontle-reservas", b, "reservas", "vk-zenzontle-openai", "gpt-4.1-mini", 20000),
           one_target("pc-huitla-tutor", c, "tutor", "vk-huitla-openai", "o4-mini", 60000)]
    t = [mail_ticket(47601, a, "¿Es normal la cantidad de errores que estamos viendo?",
                     "Hola, buenas tardes:\n\nLes escribo porque el equipo de operaciones anda preocupado. Desde "
                     "ayer notamos en el panel de Relay que el número de errores se dispara todos los días a partir "
                     "de las 8 de la mañana (hora del centro de México) y hoy ya llevamos varios cientos. Usamos "
                     "cuatro configuraciones (onboarding, cobranza, antifraude y la búsqueda de documentos) y en "
                     "todas aparecen errores, de varios tipos (500, 400...).\n\n¿Es normal este volumen de errores "
                     "o hay algo que debamos revisar? Vimos que hoy publicaron cambios en el adaptador de OpenAI y "
                     "que OpenAI reportó un incidente esta mañana, ¿tendrá que ver? Nosotros no hemos tocado las "
                     "configuraciones en semanas.\n\nQuedo al pendiente.\nSaludos cordiales,\n\nAlejandra Ríos\n"
                     "Gerente de Plataforma Digital | Cacomixtle Finanzas", at(D, "22:40"), "Alejandra Ríos")]
    # The rate is flat on every config and model, as the afternoon before: no fault, nothing
    # required. Bystanders: the adapter deploy, the o4-mini incident, the fixed edge bug.
    return scenario("", "api-errors-office-hours-count-no-fault-mexico-spanish",
                    "Mexican Spanish question-form ticket (Mexico City, UTC-6 all year, asks about a deploy and an "
                    "OpenAI incident): a big org with four configs, a 3% background error rate and an office-hours "
                    "cycle (14:00-23:00 UTC, a fifth at night) sees hundreds of errors every day from 08:00 local "
                    "time, the rate the same this afternoon as the afternoon before on every config "
                    "(no_fault_found). An OpenAI adapter deploy at 15:12, an o4-mini incident at 15:30 (another "
                    "org's model) and a fixed edge bug are bystanders among 26 routine deploys.",
                    now, CO, [a, b, c], "2031-06-25T18:00:00Z", 47601, streams, an, t,
                    {47601: truth("api-errors", "no_fault_found", [],
                                  [f"github:deployment:{her}", o4, "linear:issue:GW-7611"], ["14:00"])},
                    github=gh, statuspage=sp, configs=cfg, linear=lin, docs=[DOC_RATE_LIMITS])


ALL = [fallback_529_router_deploy_and_sonnet_incident_ja, latency_embeddings_gateway_deploy_pt,
       api_errors_anthropic_account_limit_batch_de, api_errors_mini_503_outage_key_rotation_en,
       routing_claude_timeout_8s_fr, api_errors_office_hours_no_fault_es]

if __name__ == "__main__":
    write_all(ALL)
