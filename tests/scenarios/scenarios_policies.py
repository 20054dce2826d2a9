#!/usr/bin/env python3
"""Library scenarios where the docs state a billing policy and the invoice is weighed against it,
and where the same hours of the previous day are the baseline of a latency complaint:
a minimum commitment per invoice that the invoice follows (the quantity is not the usage, and the
docs say why), and a cached-token rate the meter departs from (our billing fault, citing the
invoice and the doc). The first also carries plain questions in the six languages whose replies
must be drafted from the plans page (the optional `answers` block). An office-hours cycle that
nearly doubles p95 every morning is read against the day before, not as a change; streamed
answers that got longer (time to first token flat) are not slower responses. Run it to rewrite the JSON
files; each truth is read from the data declared here (meters, minimums, docs), never from a
run."""
from compose import *  # noqa: F401,F403

CO = {"name": "Relay AI", "github_repo": "relay-ai/gateway"}

DOC_MINIMUM = doc("docs/billing/minimum-commitment.md", "Minimum usage commitment",
                  "# Minimum usage commitment\n\nGrowth-plan subscriptions come with a usage commitment: every "
                  "invoice bills a minimum of 10,000,000 tokens. When the metered usage of an invoice period "
                  "(prompt and completion tokens) is lower, the token line shows 10,000,000 tokens; usage above "
                  "the commitment is billed as metered.\n")
DOC_PLANS = doc("docs/account/plans.md", "Plans and features",
                "# Plans and features\n\nSingle sign-on (SSO) with SAML 2.0 or OIDC is included in the Scale and "
                "Enterprise plans; Growth accounts sign in with e-mail and password. Every plan includes "
                "unlimited virtual keys and routing configs. Audit logs are kept for 90 days on Scale and one year "
                "on Enterprise.\n")
DOC_CACHE_PRICE = doc("docs/billing/cache-pricing.md", "Cache read pricing",
                      "# Cache read pricing\n\nInput tokens served from the provider's prompt cache (`cached_tokens` "
                      "in the request logs) are billed at 25% of the input price, on the same token line as the "
                      "other input tokens. Completion tokens are billed in full.\n")


def billing_minimum_commitment():
    D, now = "2027-03-01", "2027-03-02T06:00:00Z"
    a = org("org_quill", "Quill Notes", "quillnotes.app", "growth")
    b = org("org_rook", "Rook Robotics", "rookrobotics.io", "scale")
    gh = github(CO, 5101, "2027-03-01T00:00:00Z", now, 12)
    her = gh.deploy(5120, at(D, "09:00"), "metering: flush meter events every 30 seconds",
                    ["src/billing/meter-flush.ts"])
    pd = [pd_incident("PMTRQL301", 7401, "Meter events delayed by 25 minutes", at(D, "11:05"), at(D, "11:40"),
                      "billing-meter")]
    # Quill is small: ~2 requests a minute of ~1,100 tokens, about 3 M tokens over the day; the
    # growth plan's commitment bills 10,000,000 tokens per invoice (as the docs say)
    streams = [stream(a["id"], per_minute=2, prompt=900, completion=200, config_id="pc-quill-notes"),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=12, p50=1200, p95=2800,
                      config_id="pc-rook-plan", prompt=1500, completion=300)]
    cfg = [config("pc-quill-notes", a["id"], "notes", [target("vk-quill-openai", "gpt-4o", 30000)]),
           config("pc-rook-plan", b["id"], "plan", [target("vk-rook-anthropic", "claude-sonnet-4-6", 30000)])]
    bill = {"meter": "llm_tokens", "unit": "tokens", "counts": ["prompt_tokens", "completion_tokens"],
            "cached_tokens": "excluded", "unit_amount_decimal": "0.0002", "faults": [],
            "minimum_quantity": 10000000,
            "invoices": [{"id": "in_1Quill0301", "org": a["id"], "status": "open", "from": at(D, "00:00"),
                          "to": "2027-03-02T00:00:00Z"}]}
    t = [ticket(9901, a, "Invoice in_1Quill0301 bills 10M tokens?",
                "Hi there,\n\nour invoice in_1Quill0301 for March 1st bills 10,000,000 tokens, far more than the "
                "roughly 3 million tokens our own dashboard shows for that day. I noticed you had a metering incident that "
                "morning, could that have inflated the count? Please check and correct the invoice.\n\n"
                "Best,\nNora Quist\nQuill Notes", "2027-03-02T05:20:00Z", "Nora Quist")]
    q = [question(9902, b, "2027-03-02T04:00:00Z", "SSO on Scale?",
                  "Hi, quick one: does the Scale plan include SSO? Thanks!", "Ken Adler"),
         question(9903, b, "2027-03-02T04:05:00Z", "SSO en el plan Scale",
                  "Hola, ¿el plan Scale incluye inicio de sesión único (SSO) o hace falta Enterprise? Gracias.",
                  "Lucía Ramos"),
         question(9904, b, "2027-03-02T04:10:00Z", "SSO no plano Scale",
                  "Olá! O plano Scale inclui SSO com SAML? Obrigado.", "João Pires"),
         question(9905, b, "2027-03-02T04:15:00Z", "SSO im Scale-Tarif?",
                  "Guten Tag, wir überlegen, auf den Scale-Tarif zu wechseln. Ist SSO im Scale-Tarif enthalten, oder "
                  "brauchen wir dafür Enterprise? Viele Grüße", "Jana Vogel"),
         question(9906, b, "2027-03-02T04:20:00Z", "SSO dans l'offre Scale",
                  "Bonjour, est-ce que le SSO est inclus dans l'offre Scale ? Merci d'avance.", "Claire Morel"),
         question(9907, b, "2027-03-02T04:25:00Z", "SSOについて",
                  "お世話になっております。ScaleプランにSSOは含まれますか？よろしくお願いいたします。", "佐藤 健")]
    return scenario("", "token-billing-minimum-commitment",
                    "Quill is on the growth plan, whose documented commitment bills at least 10,000,000 tokens per "
                    "invoice; Quill used about 3 M tokens on March 1st, so invoice in_1Quill0301 bills 10,000,000 as "
                    "the docs say (expected_behavior, the minimum-commitment doc cited). A meter-flush deploy and a "
                    "meter-lag page the customer blames are bystanders. Six plain questions (one per language) ask "
                    "whether the Scale plan includes SSO: each reply is drafted from the plans page.",
                    now, CO, [a, b], "2027-03-01T00:00:00Z", 9901, streams, [], t,
                    {9901: truth("token-billing", "expected_behavior",
                                 ["stripe:invoice:in_1Quill0301", "docs:docs/billing/minimum-commitment.md"],
                                 [f"github:deployment:{her}", "pagerduty:incident:PMTRQL301"], ["minimum"])},
                    github=gh, configs=cfg, billing=bill, pagerduty=pd, questions=q,
                    docs=[DOC_MINIMUM, DOC_INVOICES, DOC_PLANS],
                    answers={tid: ["docs:docs/account/plans.md"] for tid in range(9902, 9908)})


def billing_cache_rate_departs():
    D, now = "2027-03-04", "2027-03-05T06:00:00Z"
    a = org("org_tern", "Tern Logistics", "ternlogistics.com", "scale")
    b = org("org_umber", "Umber Games", "umbergames.gg", "growth")
    gh = github(CO, 5201, "2027-03-04T00:00:00Z", now, 14)
    her = gh.deploy(5220, at(D, "10:30"), "usage page: show cache hits per model",
                    ["ui/usage/cache-hits.tsx"])
    lin = [linear_issue("GW-760", "Usage page rounds cached tokens to thousands",
                        "The usage page shows cached tokens rounded to the nearest thousand. Invoices are unaffected.",
                        "2027-02-25T10:00:00Z", labels=("bug", "usage-ui"))]
    # Tern's prompts are half cached; the docs bill cache reads at 25% of the input price, the
    # meter bills them at 10%: the invoice is ~10% below what the documented policy gives
    streams = [stream(a["id"], per_minute=16, prompt=2000, completion=300, cached=0.5, config_id="pc-tern-routes"),
               stream(b["id"], per_minute=9, config_id="pc-umber-npc")]
    cfg = [config("pc-tern-routes", a["id"], "routes", [target("vk-tern-openai", "gpt-4o", 30000)]),
           config("pc-umber-npc", b["id"], "npc", [target("vk-umber-openai", "gpt-4o", 30000)])]
    bill = {"meter": "llm_tokens", "unit": "tokens", "counts": ["prompt_tokens", "completion_tokens"],
            "cached_tokens": "billed_discounted", "cached_discount": 0.1, "unit_amount_decimal": "0.0002",
            "faults": [],
            "invoices": [{"id": "in_1Tern0304", "org": a["id"], "status": "open", "from": at(D, "00:00"),
                          "to": "2027-03-05T00:00:00Z"}]}
    t = [ticket(9911, a, "Invoice lower than your pricing page",
                "Hello,\n\ninvoice in_1Tern0304 is noticeably lower than what we budgeted from your cache pricing "
                "page. Half of our prompt tokens are cache reads. We'd rather not be hit by a correction after we "
                "close the month, so: is the invoice right, or will it be re-issued?\n\nRegards,\nOwen Park",
                "2027-03-05T05:10:00Z", "Owen Park")]
    return scenario("", "token-billing-cache-rate-departs",
                    "The docs bill cache reads at 25% of the input price, on the input line; the meter bills them at "
                    "10%, so Tern's invoice in_1Tern0304 is about a tenth below the documented policy (billing_pipeline, "
                    "citing the invoice and the cache-pricing doc). A usage-page deploy and a usage-page bug are "
                    "bystanders.",
                    now, CO, [a, b], "2027-03-04T00:00:00Z", 9911, streams, [], t,
                    {9911: truth("token-billing", "billing_pipeline",
                                 ["stripe:invoice:in_1Tern0304", "docs:docs/billing/cache-pricing.md"],
                                 [f"github:deployment:{her}", "linear:issue:GW-760"], ["25%"])},
                    github=gh, configs=cfg, billing=bill, linear=lin, docs=[DOC_CACHE_PRICE])


def latency_office_cycle_no_fault():
    D, now = "2027-03-09", "2027-03-09T10:40:00Z"
    a = org("org_vale", "Vale Insurance", "valeinsurance.com", "enterprise")
    b = org("org_wisp", "Wisp Studio", "wispstudio.art", "growth")
    gh = github(CO, 5301, "2027-03-08T05:00:00Z", now, 16)
    her = gh.deploy(5320, at(D, "07:52"), "gateway: tune upstream keep-alive for chat completions",
                    ["src/http/keepalive.ts", "src/routes/chat.ts"])
    sp = Statuspage(now)
    inc = sp.incident("openai", "m3n5b7v9c1x2", "Elevated errors on the Realtime API", at(D, "08:10"), at(D, "09:00"),
                      "Some Realtime API sessions fail to connect.", impact="minor")
    # Vale's claims assistant works office hours: from 08:00 to 18:00 UTC the volume is full and the
    # provider is 1.8x slower (busier prompts, longer answers), at night 30% of the volume. The same
    # every day: the day before shows the same rise at the same hours. Nothing else changed.
    streams = [cycle(stream(a["id"], per_minute=30, p50=900, p95=2200, config_id="pc-vale-claims",
                            error_rate=0.03), 8, 18, 0.3, 1.8),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=8, p50=1200, p95=2800,
                      config_id="pc-wisp-brief")]
    cfg = [config("pc-vale-claims", a["id"], "claims", [target("vk-vale-openai", "gpt-4o", 30000)]),
           config("pc-wisp-brief", b["id"], "brief", [target("vk-wisp-anthropic", "claude-sonnet-4-6", 30000)])]
    t = [ticket(9921, a, "Chat completions slow since this morning",
                "Hello,\n\nsince about 8am UTC today our claims assistant is clearly slower: the p95 of "
                "/v1/chat/completions in our APM nearly doubled compared to the night. Did you deploy something "
                "this morning? We also saw an OpenAI incident on your status page.\n\nThanks,\nMarta Silva\n"
                "Platform team, Vale Insurance", at(D, "10:30"), "Marta Silva", priority="high")]
    return scenario("", "latency-spike-office-cycle-no-fault",
                    "Vale's traffic follows office hours: every day from 08:00 UTC volume is full and provider time "
                    "1.8x the night's, the same on March 8th as on the 9th. Read against the same hours of the day "
                    "before, nothing changed (no_fault_found). A keep-alive deploy at 07:52 and a Realtime API "
                    "incident at 08:10 are bystanders.",
                    now, CO, [a, b], "2027-03-08T05:00:00Z", 9921, streams, [], t,
                    {9921: truth("latency-spike", "no_fault_found", [],
                                 [f"github:deployment:{her}", inc], ["p95"])},
                    github=gh, statuspage=sp, configs=cfg, docs=[])


def latency_longer_completions():
    D, now = "2027-03-11", "2027-03-11T17:00:00Z"
    a = org("org_xeno", "Xeno Docs", "xenodocs.dev", "scale")
    b = org("org_yarrow", "Yarrow Health", "yarrowhealth.org", "enterprise")
    gh = github(CO, 5401, "2027-03-10T12:00:00Z", now, 14)
    early = gh.deploy(5420, at(D, "11:05"), "gateway: stream chunk coalescing for chat completions",
                      ["src/streaming/coalesce.ts"])
    sp = Statuspage(now)
    other = sp.incident("anthropic", "t4y6u8i0o2p4", "Elevated latency on Claude Opus", at(D, "13:30"),
                        at(D, "14:10"), "Claude Opus responses are slower than usual.", impact="minor")
    # Xeno streams its answers; from 14:00 its own release asks for answers 2.6x as long: the
    # provider's time after the first token grows, the first token arrives as before
    streams = [streamed(stream(a["id"], per_minute=18, p50=1400, p95=3200, completion=400,
                               config_id="pc-xeno-writer")),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=10, p50=1200, p95=2800,
                      config_id="pc-yarrow-notes")]
    an = [latency(at(D, "14:00"), now, {"org": a["id"]}, 2.6, component="generation")]
    cfg = [config("pc-xeno-writer", a["id"], "writer", [target("vk-xeno-openai", "gpt-4o", 60000)]),
           config("pc-yarrow-notes", b["id"], "notes", [target("vk-yarrow-anthropic", "claude-sonnet-4-6", 30000)])]
    t = [ticket(9931, a, "Streaming responses twice as slow since 14:00",
                "Hi,\n\nsince around 14:00 UTC our streamed chat completions take about twice as long end to end "
                "(p95 from ~3 s to over 6 s). Is GPT-4o degraded, or is it your gateway? Your status page shows "
                "a latency incident this afternoon.\n\nCheers,\nIda Brandt", at(D, "16:40"), "Ida Brandt",
                priority="high")]
    return scenario("", "latency-spike-longer-completions",
                    "Xeno streams its answers. From 14:00 its own requests ask for answers 2.6x as long: total and "
                    "provider time rise about 2x while time to first token stays flat, so the responses are not "
                    "slower to start; nothing on our side or the provider's changed (no_fault_found). An Opus "
                    "latency incident at 13:30 and a stream-coalescing deploy at 11:05 are bystanders.",
                    now, CO, [a, b], "2027-03-10T12:00:00Z", 9931, streams, an, t,
                    {9931: truth("latency-spike", "no_fault_found", [],
                                 [f"github:deployment:{early}", other], ["first token"])},
                    github=gh, statuspage=sp, configs=cfg, docs=[])


def streamed(stream_, first_token_share=0.3):
    stream_["streaming"] = {"first_token_share": first_token_share}
    return stream_


def cycle(stream_, from_hour, to_hour, night, latency_factor):
    stream_["daily_cycle"] = {"from_hour": from_hour, "to_hour": to_hour, "night": night, "latency": latency_factor}
    return stream_


ALL = [billing_minimum_commitment, billing_cache_rate_departs, latency_office_cycle_no_fault,
       latency_longer_completions]

if __name__ == "__main__":
    write_all(ALL)
