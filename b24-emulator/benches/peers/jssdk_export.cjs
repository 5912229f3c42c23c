// @bitrix24/b24jssdk callList over crm.deal.list. Prints ROWS n.
// Its limiter is told the emulator's bucket at the emulator's clock speed
// (EMU_ACCEL times real time), so virtual and client pacing agree.
const { createRequire } = require('node:module')
const path = require('node:path')
const req = createRequire(path.join(process.env.EMU_NODE_DIR, 'package.json'))
const { B24Hook, LoggerFactory, ParamsFactory } = req('@bitrix24/b24jssdk')

async function main() {
  const accel = Number(process.env.EMU_ACCEL || '1')
  const params = ParamsFactory.getDefault()
  params.rateLimit = { ...params.rateLimit, drainRate: 2 * accel }
  const b24 = B24Hook.fromWebhookUrl(process.env.EMU_WEBHOOK_URL, { restrictionParams: params })
  if (LoggerFactory && b24.setLogger) {
    try { b24.setLogger(LoggerFactory.createNullLogger()) } catch (_) {}
  }
  const list = await b24.actions.v2.callList.make({
    method: 'crm.deal.list',
    params: { select: ['ID', 'TITLE'] },
    idKey: 'ID',
  })
  const ids = new Set(list.getData().map((r) => Number(r.ID)))
  console.log(`ROWS ${ids.size}`)
}
main().catch((e) => { console.error(e); process.exit(1) })
