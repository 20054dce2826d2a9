#!/usr/bin/env python3
"""Library scenarios where the answer depends on when things happened: a short burst shared by
every org inside a day of traffic (the comparison with the other orgs must be made in the
burst's own minutes, not over the whole window, where a big org's steady background errors and
the burst's dilution both mislead), and a deploy that went live three minutes before the onset
among routine ones. Run it to rewrite the JSON files; each truth is read from the data declared
here (anomalies, deploys, incidents), never from a run."""
from compose import *  # noqa: F401,F403

CO = {"name": "Relay AI", "github_repo": "relay-ai/gateway"}


def shared_burst_noisy_neighbour():
    D, now = "2026-12-28", "2026-12-28T17:00:00Z"
    a = org("org_oriole", "Oriole Legal", "oriolelegal.com", "scale")
    b = org("org_pike", "Pike Freight", "pikefreight.io", "growth")
    c = org("org_quarry", "Quarry Retail", "quarryretail.com", "enterprise")
    gh = github(CO, 39111, "2026-12-27T15:00:00Z", now, 16)
    culprit = gh.deploy(39140, at(D, "15:02"), "anthropic adapter: map tool_use blocks to the new content schema",
                        ["src/providers/anthropic/tools.ts"])
    revert = gh.deploy(39141, at(D, "15:24"), "revert: anthropic adapter tool_use mapping",
                       ["src/providers/anthropic/tools.ts"])
    sp = Statuspage(now)
    other = sp.incident("anthropic", "q8w7e6r5t4y3", "Elevated errors on Claude Opus 4", at(D, "02:00"),
                        at(D, "02:40"), "Some requests to Claude Opus 4 fail with 500 errors.")
    # Quarry is a big org whose OpenAI traffic always fails at about 4%: not a burst, not "hit".
    streams = [stream(a["id"], provider="anthropic", model="claude-sonnet-4-6", per_minute=12, p50=1300,
                      p95=3000, config_id="pc-oriole-review"),
               stream(a["id"], per_minute=8, config_id="pc-oriole-intake"),
               stream(b["id"], provider="anthropic", model="claude-haiku-4-5", per_minute=10, p50=420, p95=950,
                      config_id="pc-pike-dispatch"),
               stream(c["id"], per_minute=35, error_rate=0.04, config_id="pc-quarry-catalog")]
    # the deploy broke tool results on every org's Anthropic traffic for twenty minutes
    an = [errors(at(D, "15:05"), at(D, "15:25"), {"provider": "anthropic"}, 0.3, 400, "invalid_request")]
    cfg = [one_target("pc-oriole-review", a, "review", "vk-oriole-anthropic", "claude-sonnet-4-6", 30000),
           one_target("pc-oriole-intake", a, "intake", "vk-oriole-openai", "gpt-4o", 30000),
           one_target("pc-pike-dispatch", b, "dispatch", "vk-pike-anthropic", "claude-haiku-4-5", 20000),
           one_target("pc-quarry-catalog", c, "catalog", "vk-quarry-openai", "gpt-4o", 30000)]
    t = [ticket(39101, a, "Burst of 400 errors this morning",
                "Hi team,\n\nBetween roughly 10:05 and 10:25 Eastern this morning our contract-review assistant "
                "got a burst of 400 invalid_request errors, maybe a third of its calls. It stopped on its own. "
                "We did not deploy or change any settings on our side today.\n\nCan you tell us what happened "
                "so I can explain it to our users?\n\nThanks,\nGrace Okafor\nOriole Legal", at(D, "16:10"),
                "Grace Okafor")]
    return scenario("", "api-errors-shared-burst-noisy-neighbour",
                    "A twenty-minute burst inside a day of traffic: deploy #39140 (Anthropic adapter tool_use "
                    "mapping, live 15:04) makes 30% of every org's Anthropic requests fail 400 invalid_request "
                    "15:05-15:25, when revert #39141 ships. Over the whole window the burst is diluted for the other "
                    "org that uses Anthropic, while a big org's steady 4% OpenAI background looks like errors: only "
                    "a comparison in the burst's own minutes shows that every org using Anthropic failed then. "
                    "An Opus incident that night and 16 routine deploys are bystanders.",
                    now, CO, [a, b, c], "2026-12-27T15:00:00Z", 39101, streams, an, t,
                    {39101: truth("api-errors", "deploy_regression", [f"github:deployment:{culprit}"],
                                  [f"github:deployment:{revert}", other, "config:pc-oriole-review"],
                                  ["400"])},
                    github=gh, statuspage=sp, configs=cfg)


ALL = [shared_burst_noisy_neighbour]

if __name__ == "__main__":
    write_all(ALL)
