// @bitrix24/b24jssdk against the emulator, with a webhook (B24Hook): a call,
// a batch and a list. Prints `CHECK …` lines and `ALL OK`.
// Environment: EMU_WEBHOOK_URL, EMU_DEALS, EMU_NODE_DIR (where node_modules is),
// NODE_EXTRA_CA_CERTS (the emulator's CA).
const { createRequire } = require('node:module')
const path = require('node:path')
const req = createRequire(path.join(process.env.EMU_NODE_DIR, 'package.json'))
const { B24Hook, LoggerFactory, ParamsFactory } = req('@bitrix24/b24jssdk')

const deals = Number(process.env.EMU_DEALS)

function check(name, value, ok) {
  console.log(`CHECK ${name} ${JSON.stringify(value)} ${ok ? 'ok' : 'FAIL'}`)
  if (!ok) process.exit(1)
}

async function main() {
  // The emulator runs with the Enterprise bucket (250/5); tell the SDK's own
  // limiter so, or it paces itself at 2 requests per second.
  const b24 = B24Hook.fromWebhookUrl(process.env.EMU_WEBHOOK_URL, {
    restrictionParams: ParamsFactory.getEnterprise(),
  })
  if (LoggerFactory && b24.setLogger) {
    try { b24.setLogger(LoggerFactory.createNullLogger()) } catch (_) {}
  }

  const one = await b24.actions.v2.call.make({ method: 'crm.deal.get', params: { id: 5 } })
  check('call_ok', one.isSuccess, one.isSuccess)
  check('call_id', one.getData().result.ID, one.getData().result.ID === '5')

  // Hard errors are thrown as SdkError (the SDK's documented behaviour).
  let code = null
  try {
    const bad = await b24.actions.v2.call.make({ method: 'no.such.method', params: {} })
    code = bad.isSuccess ? 'success' : 'result-error'
  } catch (e) {
    code = `${e.code}/${e._status ?? e.status}`
  }
  check('call_unknown_fails', code, code === 'ERROR_METHOD_NOT_FOUND/404')

  const batch = await b24.actions.v2.batch.make({
    calls: {
      first: { method: 'crm.deal.list', params: { select: ['ID'], order: { ID: 'DESC' } } },
      user: { method: 'user.current', params: {} },
      ref: { method: 'crm.deal.get', params: { id: '$result[first][0][ID]' } },
    },
    options: { isHaltOnError: false, returnAjaxResult: true },
  })
  check('batch_ok', batch.isSuccess, batch.isSuccess)
  const data = batch.getData()
  check('batch_ref', data.ref.getData().result.ID, data.ref.getData().result.ID === String(deals))
  check('batch_user', data.user.getData().result.ID, data.user.getData().result.ID === '1')

  const list = await b24.actions.v2.callList.make({
    method: 'crm.deal.list',
    params: { select: ['ID', 'TITLE'] },
    idKey: 'ID',
  })
  check('list_ok', list.isSuccess, list.isSuccess)
  const ids = list.getData().map((r) => Number(r.ID))
  check('list_count', ids.length, ids.length === deals)
  check('list_unique', new Set(ids).size, new Set(ids).size === deals)

  const items = await b24.actions.v2.callList.make({
    method: 'crm.item.list',
    params: { entityTypeId: 2, select: ['id'], filter: { '>=id': deals - 119 } },
    idKey: 'id',
    customKeyForResult: 'items',
  })
  check('items_count', items.isSuccess && items.getData().length, items.isSuccess && items.getData().length === 120)

  if (b24.actions.v2.batchByChunk) {
    const calls = []
    for (let i = 1; i <= 120; i++) calls.push(['crm.deal.get', { id: i }])
    const chunked = await b24.actions.v2.batchByChunk.make({ calls, options: { isHaltOnError: true } })
    check('batch_by_chunk', chunked.isSuccess && chunked.getData().length, chunked.isSuccess && chunked.getData().length === 120)
  }
  console.log('ALL OK')
}

main().catch((e) => { console.error('FAILED', e); process.exit(1) })
