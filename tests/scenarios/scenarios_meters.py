#!/usr/bin/env python3
"""Library scenarios over billing and traffic shaped like real accounts: invoices with several
metered prices (input, output and cached tokens) where only one is wrong, invoices with seats, a
support plan and another product's meter beside the token meter, a Stripe customer without the
org id in its metadata (found by the org's e-mail domain), and a business-hours daily cycle in
volume and latency with a real provider slowdown on top. Run it to rewrite the JSON files; each
truth is read from the data declared here (meters, faults, cycles, incidents), never from a run."""
from compose import *  # noqa: F401,F403

CO = {"name": "Relay AI", "github_repo": "relay-ai/gateway"}

DOC_METERS = {"path": "docs/billing/token-meters.md", "title": "How tokens are invoiced",
              "body": "# How tokens are invoiced\n\nEach invoice has one metered line per kind of token. The input "
                      "line counts prompt tokens the provider did not serve from its cache. The output line counts "
                      "completion tokens. Cached input tokens have a line of their own and are billed at 10% of the "
                      "input price. Seats and support plans are licensed lines, not usage.\n"}


def meter(name, nickname, counts, faults=(), cached="excluded"):
    return {"meter": name, "nickname": nickname, "counts": list(counts), "cached_tokens": cached,
            "faults": list(faults)}


def three_meters(invoices, output_faults=(), input_faults=()):
    return {"meter": "llm_input_tokens", "unit": "tokens", "counts": ["prompt_tokens"], "cached_tokens": "excluded",
            "unit_amount_decimal": "0.00025", "invoices": invoices, "faults": [],
            "meters": [meter("llm_input_tokens", "Input tokens", ["prompt_tokens"], input_faults),
                       meter("llm_output_tokens", "Output tokens", ["completion_tokens"], output_faults),
                       meter("llm_cached_input_tokens", "Cached input tokens", ["cached_tokens"])]}


def cycle(stream_, from_hour=8, to_hour=18, night=0.3, latency_factor=1.0):
    stream_["daily_cycle"] = {"from_hour": from_hour, "to_hour": to_hour, "night": night, "latency": latency_factor}
    return stream_


def billing_two_meters_output_doubled():
    now = "2027-01-06T06:00:00Z"
    a = org("org_harbor", "Harbor Legal", "harborlegal.com", "scale")
    b = org("org_iris", "Iris Clinics", "irisclinics.health", "enterprise")
    gh = Github(CO["github_repo"])
    gh.routine(4101, "2027-01-05T00:00:00Z", now, 12)
    her = gh.deploy(4120, "2027-01-05T09:40:00Z", "invoices: show the VAT number on PDF invoices",
                    ["src/billing/invoice-pdf.ts"])
    lin = [linear_issue("GW-702", "Usage page shows cached tokens twice in the CSV export",
                        "The CSV export of the usage page lists cached tokens in two columns. Invoices unaffected.",
                        "2026-12-30T10:00:00Z", labels=("bug", "dashboard"))]
    streams = [stream(a["id"], per_minute=20, config_id="pc-harbor-draft", prompt=2400, completion=500, cached=0.35),
               stream(b["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=12, p50=1200, p95=2800,
                      config_id="pc-iris-notes", prompt=1800, completion=400, cached=0.2)]
    cfg = [config("pc-harbor-draft", a["id"], "draft", [target("vk-harbor-openai", "gpt-4o", 30000)]),
           config("pc-iris-notes", b["id"], "notes", [target("vk-iris-anthropic", "claude-sonnet-4-6", 30000)])]
    # the output meter's events from 10:00 to 16:00 were submitted twice; input and cached are right
    bill = three_meters([{"id": "in_1Harbor0105", "org": a["id"], "status": "open", "from": "2027-01-05T00:00:00Z",
                          "to": "2027-01-06T00:00:00Z"}],
                        output_faults=[{"kind": "double_count", "from": "2027-01-05T10:00:00Z",
                                        "to": "2027-01-05T16:00:00Z", "match": {}}])
    t = [ticket(9701, a, "Jan 5 invoice doesn't add up",
                "Hi, invoice in_1Harbor0105 for January 5th is more than our own token accounting says. We track "
                "input, cached and output tokens per request on our side. Can you tell us which part of the invoice "
                "is off and whether you'll correct it?", "2027-01-06T05:30:00Z", "Grace Obi")]
    q = [question(9702, b, "2027-01-06T05:00:00Z", "BAA", "Do you sign a BAA on the enterprise plan?")]
    return scenario("", "token-billing-two-meters-one-wrong",
                    "Harbor's invoice has three metered lines (input, output, cached input tokens). The output meter "
                    "counted 10:00-16:00 twice, so only the output line is above the logs; the input and cached "
                    "lines match. An invoice-PDF deploy and a usage-page CSV bug are bystanders.",
                    now, CO, [a, b], "2027-01-05T00:00:00Z", 9701, streams, [], t,
                    {9701: truth("token-billing", "billing_pipeline", ["stripe:invoice:in_1Harbor0105"],
                                 [f"github:deployment:{her}", "linear:issue:GW-702"], ["output"])},
                    github=gh, configs=cfg, billing=bill, linear=lin, docs=[DOC_METERS], questions=q)


def billing_seats_and_other_meter():
    now = "2027-01-08T06:00:00Z"
    a = org("org_ibis", "Ibis Media", "ibismedia.tv", "scale")
    b = org("org_jet", "Jet Couriers", "jetcouriers.com", "growth")
    gh = Github(CO["github_repo"])
    gh.routine(4201, "2027-01-07T00:00:00Z", now, 10)
    her = gh.deploy(4215, "2027-01-07T15:00:00Z", "billing: seat proration on plan changes",
                    ["src/billing/seats.ts"])
    streams = [stream(a["id"], per_minute=16, config_id="pc-ibis-captions", prompt=1600, completion=350),
               stream(a["id"], route="/v1/images/generations", model="gpt-image-1", per_minute=2, p50=6000,
                      p95=11000, prompt=80, completion=0, config_id="pc-ibis-thumbs"),
               stream(b["id"], per_minute=10, config_id="pc-jet-routes")]
    cfg = [config("pc-ibis-captions", a["id"], "captions", [target("vk-ibis-openai", "gpt-4o", 30000)]),
           config("pc-ibis-thumbs", a["id"], "thumbs", [target("vk-ibis-images", "gpt-image-1", 60000)]),
           config("pc-jet-routes", b["id"], "routes", [target("vk-jet-openai", "gpt-4o", 30000)])]
    # tokens = prompt + completion of every request (no cache); images counted per request on their
    # own meter; 40 seats and a support plan are licensed lines. Nothing is wrong.
    bill = {"meter": "llm_tokens", "unit": "tokens", "counts": ["prompt_tokens", "completion_tokens"],
            "cached_tokens": "excluded", "unit_amount_decimal": "0.0002", "faults": [],
            "meters": [meter("llm_tokens", "LLM tokens", ["prompt_tokens", "completion_tokens"]),
                       {"meter": "image_generations", "nickname": "Image generations", "unit": "images",
                        "counts": ["requests"], "unit_amount_decimal": "4"}],
            "invoices": [{"id": "in_1Ibis0107", "org": a["id"], "status": "open", "from": "2027-01-07T00:00:00Z",
                          "to": "2027-01-08T00:00:00Z",
                          "extra_lines": [{"description": "Seats (40 × $30.00)", "nickname": "Seats", "quantity": 40,
                                           "unit_amount": 3000},
                                          {"description": "Priority support plan", "nickname": "Support plan",
                                           "quantity": 1, "unit_amount": 50000}]}]}
    t = [ticket(9703, a, "Why is invoice in_1Ibis0107 so high?",
                "Our invoice in_1Ibis0107 is far more than what our token usage should cost. The quantities on it "
                "add up to way more than the tokens in our dashboard for that day. Are we being overcharged for "
                "tokens?", "2027-01-08T05:30:00Z", "Omar Said")]
    return scenario("", "token-billing-seats-and-other-meter",
                    "Ibis's invoice has a token line, an image-generations meter, 40 seats and a support plan. The "
                    "token line equals the logs' prompt + completion tokens for the day; the other lines are not "
                    "tokens and must not be added to them. A seat-proration deploy is a bystander.",
                    now, CO, [a, b], "2027-01-07T00:00:00Z", 9703, streams, [], t,
                    {9703: truth("token-billing", "no_fault_found", ["stripe:invoice:in_1Ibis0107"],
                                 [f"github:deployment:{her}"], ["in_1Ibis0107"])},
                    github=gh, configs=cfg, billing=bill, docs=[DOC_INVOICES])


def billing_email_domain_cached_line():
    now = "2027-01-10T06:00:00Z"
    a = org("org_juniper", "Juniper Tutors", "junipertutors.org", "growth", cus="cus_U4juniper")
    b = org("org_kite", "Kite Analytics", "kiteanalytics.io", "scale", cus="cus_U5kite")
    gh = Github(CO["github_repo"])
    gh.routine(4301, "2027-01-09T00:00:00Z", now, 10)
    her = gh.deploy(4318, "2027-01-09T11:00:00Z", "metering: batch meter events per minute",
                    ["src/billing/meter-batch.ts"])
    streams = [stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=14, p50=1200, p95=2800,
                      config_id="pc-juniper-tutor", prompt=3000, completion=300, cached=0.6),
               stream(b["id"], per_minute=12, config_id="pc-kite-sql")]
    cfg = [config("pc-juniper-tutor", a["id"], "tutor", [target("vk-juniper-anthropic", "claude-sonnet-4-6", 30000)]),
           config("pc-kite-sql", b["id"], "sql", [target("vk-kite-openai", "gpt-4o", 30000)])]
    bill = three_meters([{"id": "in_1Juniper0109", "org": a["id"], "status": "open", "from": "2027-01-09T00:00:00Z",
                          "to": "2027-01-10T00:00:00Z"}])
    # Juniper's Stripe customer predates the org-id convention: no metadata, an address in the org's domain
    custs = [customer(a, "finance", with_org_id=False), customer(b)]
    t = [ticket(9704, a, "Input tokens on invoice look too low",
                "Hello, on invoice in_1Juniper0109 the input token line is much lower than the prompt tokens we log "
                "ourselves (we count about 2.5x more). We'd rather not be surprised by a correction later, so is the "
                "invoice wrong?", "2027-01-10T05:00:00Z", "Mina Torres")]
    return scenario("", "token-billing-email-domain-cached-line",
                    "Juniper's Stripe customer has no org id in its metadata (found by the e-mail domain). With a 60% "
                    "prompt-cache share the input line counts only uncached prompt tokens; cached ones are on their "
                    "own line at 10% as documented, and output matches: the invoice is right (expected_behavior). A "
                    "meter-batching deploy is a bystander.",
                    now, CO, [a, b], "2027-01-09T00:00:00Z", 9704, streams, [], t,
                    {9704: truth("token-billing", "expected_behavior",
                                 ["stripe:invoice:in_1Juniper0109", "docs:docs/billing/token-meters.md"],
                                 [f"github:deployment:{her}"], ["10%"])},
                    github=gh, configs=cfg, billing=bill, stripe_customers=custs, docs=[DOC_METERS])


def latency_business_hours_with_spike():
    D, now = "2027-01-12", "2027-01-12T15:00:00Z"
    a = org("org_lumen", "Lumen Support", "lumensupport.co", "scale")
    b = org("org_moss", "Moss Farms", "mossfarms.ag", "growth")
    gh = Github(CO["github_repo"])
    gh.routine(4401, "2027-01-11T09:00:00Z", now, 12)
    morning = gh.deploy(4420, at(D, "07:40"), "gateway: connection pool sizing for peak hours",
                        ["src/http/pool.ts"])
    sp = Statuspage(now)
    inc = sp.incident("anthropic", "q2w4e6r8t0yu", "Elevated latency on Claude Sonnet 4.6", at(D, "13:10"),
                      at(D, "14:20"), "Claude Sonnet 4.6 responses are slower than usual.", impact="minor")
    other = sp.incident("openai", "z1x3c5v7b9nm", "Increased latency for GPT-4o", "2027-01-11T16:00:00Z",
                        "2027-01-11T16:40:00Z", "GPT-4o responses are slower than normal.", impact="minor")
    # both orgs work office hours: volume at night is 30% of the day's, the provider is 30% slower
    # at the busy hours; on top of that, Sonnet slows 2.6x 13:10-14:20 on the 12th
    streams = [cycle(stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=22, p50=1300,
                            p95=3000, config_id="pc-lumen-assist"), 8, 18, 0.3, 1.3),
               cycle(stream(b["id"], per_minute=14, p50=800, p95=1900, config_id="pc-moss-yield"), 7, 17, 0.25, 1.3)]
    an = [latency(at(D, "13:10"), at(D, "14:20"), {"provider": "anthropic", "model": "claude-sonnet-4-6"}, 2.6)]
    cfg = [config("pc-lumen-assist", a["id"], "assist", [target("vk-lumen-anthropic", "claude-sonnet-4-6", 60000)]),
           config("pc-moss-yield", b["id"], "yield", [target("vk-moss-openai", "gpt-4o", 30000)])]
    t = [ticket(9705, a, "Claude much slower this afternoon",
                "Hi team, since a bit after 1pm UTC our assistant's Claude calls take more than twice as long as "
                "usual. Mornings are always a little slower when everyone logs on, but this is different. Did "
                "something change on your side this morning?", at(D, "14:05"), "Ravi Menon", priority="high")]
    return scenario("", "latency-spike-business-hours-with-spike",
                    "Lumen and Moss work office hours: request volume and provider time rise every morning (a daily "
                    "cycle, not a finding). On top of it, claude-sonnet-4-6 provider time is 2.6x 13:10-14:20 on the "
                    "12th, matching Anthropic's incident. The customer suspects a morning pool-sizing deploy (07:40, "
                    "during the daily ramp); a GPT-4o incident the day before is a bystander.",
                    now, CO, [a, b], "2027-01-11T09:00:00Z", 9705, streams, an, t,
                    {9705: truth("latency-spike", "provider_outage", [inc], [f"github:deployment:{morning}", other],
                                 ["13:10"])},
                    github=gh, statuspage=sp, configs=cfg)


ALL = [billing_two_meters_output_doubled, billing_seats_and_other_meter, billing_email_domain_cached_line,
       latency_business_hours_with_spike]

if __name__ == "__main__":
    for build in ALL:
        print(build())
