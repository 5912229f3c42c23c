"""fast_bitrix24 against the emulator: get_all over paging (with batches),
call/get_by_ID in batches, a raw batch, and hammering past the leaky bucket
so QUERY_LIMIT_EXCEEDED (503) is retried.
(fast_bitrix24 with respect_velocity_policy=False raises KeyError on any
response whose `time` carries `operating`, which real portals send; so the
script keeps the SDK's default pacing and drains the bucket from outside.) Prints `CHECK …` lines and `ALL OK`.

Environment: EMU_BASE, EMU_WEBHOOK_URL, EMU_DEALS, SSL_CERT_FILE.
"""
import json
import os
import sys

from fast_bitrix24 import Bitrix

env = os.environ
deals = int(env["EMU_DEALS"])


def check(name, value, ok):
    print(f"CHECK {name} {json.dumps(value)} {'ok' if ok else 'FAIL'}", flush=True)
    if not ok:
        sys.exit(1)


b = Bitrix(env["EMU_WEBHOOK_URL"], verbose=False)

rows = b.get_all("crm.deal.list", {"select": ["ID", "TITLE"]})
ids = {int(r["ID"]) for r in rows}
check("get_all_count", len(rows), len(rows) == deals)
check("get_all_unique", len(ids), len(ids) == deals)

filtered = b.get_all("crm.deal.list", {"select": ["ID"], "filter": {">ID": deals - 75}})
check("get_all_filter", len(filtered), len(filtered) == 75)

by_id = b.get_by_ID("crm.deal.get", list(range(1, 121)))
check("get_by_ID", len(by_id), len(by_id) == 120)

got = b.call("crm.deal.get", [{"id": i} for i in range(1, 101)])
check("call_list", len(got), len(got) == 100)

raw = b.call_batch({"halt": 0, "cmd": {
    "a": "crm.deal.list?select[]=ID&order[ID]=DESC",
    "b": "crm.deal.get?id=$result[a][0][ID]",
}})
check("call_batch_ref", raw["b"]["ID"], raw["b"]["ID"] == str(deals))

# Many items in batches, with the SDK's own pacing.
done = b.call("crm.deal.get", [{"id": i} for i in range(1, 2001)])
check("call_2000", len(done), len(done) == 2000)

# Another application on the same server drains the shared bucket (limits.md:
# the limit is per source IP); the SDK, pacing itself for a full bucket, then
# meets 503 QUERY_LIMIT_EXCEEDED and has to retry.
import requests

other = requests.Session()
for _ in range(100):
    other.get(env["EMU_WEBHOOK_URL"] + "user.current")
fresh = Bitrix(env["EMU_WEBHOOK_URL"], verbose=False)
for i in range(1, 41):
    got = fresh.call("crm.deal.get", {"id": i}, raw=True)
    row = got.get("result", got) if isinstance(got, dict) else {}
    if row.get("ID") != str(i):
        check("survived_503_item", got, False)
check("survived_503", 40, True)
print("ALL OK", flush=True)
