"""fast_bitrix24 get_all over crm.deal.list (its own pacing). Prints ROWS n."""
import os
from fast_bitrix24 import Bitrix

b = Bitrix(os.environ["EMU_WEBHOOK_URL"], verbose=False)
rows = b.get_all("crm.deal.list", {"select": ["ID", "TITLE"]})
print(f"ROWS {len({int(r['ID']) for r in rows})}", flush=True)
