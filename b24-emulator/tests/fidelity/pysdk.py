"""b24pysdk against the emulator: paging, fast paging, batch, QUERY_LIMIT_EXCEEDED
and an OAuth refresh. Prints `CHECK name value` lines and `ALL OK` at the end.

Environment: EMU_BASE, EMU_DOMAIN, EMU_WEBHOOK (user/code), EMU_CLIENT_ID,
EMU_CLIENT_SECRET, EMU_ACCESS, EMU_REFRESH, EMU_DEALS, plus the CA bundle
(REQUESTS_CA_BUNDLE) and a proxy for the OAuth host (HTTPS_PROXY).
"""
import json
import os
import sys
import urllib.request
import ssl

from b24pysdk import BitrixApp, BitrixToken, BitrixWebhook, Client

env = os.environ
deals = int(env["EMU_DEALS"])


def check(name, value, ok):
    print(f"CHECK {name} {json.dumps(value)} {'ok' if ok else 'FAIL'}", flush=True)
    if not ok:
        sys.exit(1)


def advance(seconds):
    ctx = ssl.create_default_context(cafile=env["REQUESTS_CA_BUNDLE"])
    url = f"{env['EMU_BASE']}/_emulator/advance?seconds={seconds}"
    with urllib.request.urlopen(url, context=ctx) as r:
        r.read()


hook = BitrixWebhook(domain=env["EMU_DOMAIN"], webhook_token=env["EMU_WEBHOOK"])
client = Client(hook)

# A plain call.
deal = client.crm.deal.get(bitrix_id=7).result
check("deal_get_id", deal["ID"], deal["ID"] == "7")

# Paging: first page gives total, the rest come in batches of `start` offsets.
rows = client.crm.deal.list(select=["ID", "TITLE"]).as_list().result
ids = [int(r["ID"]) for r in rows]
check("as_list_count", len(ids), len(ids) == deals)
check("as_list_unique", len(set(ids)), len(set(ids)) == deals)

# Fast paging: start=-1 and a >ID cursor chained inside batch.
fast = list(client.crm.deal.list(select=["ID"]).as_list_fast().result)
fast_ids = [int(r["ID"]) for r in fast]
check("as_list_fast_count", len(fast_ids), len(fast_ids) == deals)
check("as_list_fast_sorted", fast_ids[:3], fast_ids == sorted(fast_ids))

# crm.item.list through the fast path (result.items wrapper, camelCase id).
items = list(client.crm.item.list(entity_type_id=2, select=["id"]).as_list_fast(limit=120).result)
check("item_fast_count", len(items), len(items) == 120)

# A raw batch with a $result reference.
batch = hook.call_batch({
    "first": ("crm.deal.list", {"select": ["ID"], "order": {"ID": "ASC"}}),
    "next": ("crm.deal.get", {"id": "$result[first][1][ID]"}),
})
res = batch["result"]
check("batch_ref", res["result"]["next"]["ID"], res["result"]["next"]["ID"] == "2")
check("batch_total", res["result_total"]["first"], res["result_total"]["first"] == deals)

# call_batches: more than 50 commands split into several batches.
many = {f"d{i}": ("crm.deal.get", {"id": i}) for i in range(1, 121)}
out = hook.call_batches(many)
got = out["result"]["result"] if isinstance(out.get("result"), dict) and "result" in out["result"] else out["result"]
check("call_batches", len(got), len(got) == 120)

# QUERY_LIMIT_EXCEEDED: hammer past the bucket; the SDK retries 503.
for i in range(1, 81):
    client.crm.deal.get(bitrix_id=i).result
check("survived_503", 80, True)

# OAuth: expire the token, let the SDK refresh it through /oauth/token/.
app = BitrixApp(client_id=env["EMU_CLIENT_ID"], client_secret=env["EMU_CLIENT_SECRET"])
token = BitrixToken(
    domain=env["EMU_DOMAIN"],
    auth_token=env["EMU_ACCESS"],
    refresh_token=env["EMU_REFRESH"],
    bitrix_app=app,
)
oauth = Client(token)
first = oauth.crm.deal.get(bitrix_id=3).result
check("oauth_call", first["ID"], first["ID"] == "3")
advance(7200)
again = oauth.crm.deal.get(bitrix_id=4).result
check("oauth_after_expiry", again["ID"], again["ID"] == "4")
check("token_rotated", token.auth_token != env["EMU_ACCESS"], token.auth_token != env["EMU_ACCESS"])
check("refresh_rotated", token.refresh_token != env["EMU_REFRESH"], token.refresh_token != env["EMU_REFRESH"])
print("ALL OK", flush=True)
