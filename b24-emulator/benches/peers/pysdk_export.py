"""b24pysdk as_list_fast over crm.deal.list. Prints ROWS n."""
import os
from b24pysdk import BitrixWebhook, Client

client = Client(BitrixWebhook(domain=os.environ["EMU_DOMAIN"], webhook_token=os.environ["EMU_WEBHOOK"]))
ids = {int(r["ID"]) for r in client.crm.deal.list(select=["ID", "TITLE"]).as_list_fast().result}
print(f"ROWS {len(ids)}", flush=True)
