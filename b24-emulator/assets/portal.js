/* The portal side of the Bitrix24 frame protocol, as the portal page runs
 * it: requests arrive as `command:params:callbackKey:appSid` strings, replies
 * go back as `callbackKey:JSON`, and a bound interface event is a reply to
 * the callback key of its placementBindEvent request. Each frame's events and
 * commands come from its placement's spec (cfg.frames[].interface); the call
 * card placements have their own behaviour below, every other placement
 * answers with the documented results (genericCommand). */
(function () {
  'use strict';
  var cfg = window.B24_PORTAL;
  var $ = function (id) { return document.getElementById(id); };
  var PBW = 'PAGE_BACKGROUND_WORKER', CC = 'CALL_CARD';
  var UI_STATES = ['incoming', 'transferIncoming', 'outgoing', 'connectingIncoming', 'connectingOutgoing',
    'connected', 'transferring', 'transferFailed', 'transferConnected', 'error', 'moneyError', 'redial'];
  var hasOwn = function (o, k) { return Object.prototype.hasOwnProperty.call(o, k); };

  $('portal-user').textContent = cfg.user;

  function log(line) {
    var el = $('event-log');
    el.textContent += line + '\n';
  }

  // --- frames -------------------------------------------------------------
  // PAGE_BACKGROUND_WORKER frames load with the page; a CALL_CARD handler is
  // a tab of the call card, loaded when a card opens with the call context in
  // PLACEMENT_OPTIONS (the tab list itself is fixed when the page loads).
  var frames = {}; // appSid -> {placement, origin, binds, init, el, box}
  var tabs = cfg.frames.filter(function (f) { return f.placement === CC; });
  function mount(f, parent, options) {
    var origin = new URL(f.handler, location.href).origin;
    var box = document.createElement('div');
    var label = document.createElement('div');
    label.textContent = f.placement + ' → ' + f.handler;
    var iframe = document.createElement('iframe');
    // B24Frame reads DOMAIN|PROTOCOL|APP_SID from the frame's name.
    iframe.name = f.form.DOMAIN + '|' + f.form.PROTOCOL + '|' + f.appSid;
    iframe.id = 'frame-' + f.placement;
    iframe.setAttribute('data-placement', f.placement);
    var form = document.createElement('form');
    form.method = 'POST';
    form.action = f.handler;
    form.target = iframe.name;
    var fields = Object.assign({}, f.form);
    var init = Object.assign({}, f.init);
    if (options) {
      fields.PLACEMENT_OPTIONS = JSON.stringify(options);
      init.PLACEMENT_OPTIONS = options;
    }
    Object.keys(fields).forEach(function (k) {
      var i = document.createElement('input');
      i.type = 'hidden'; i.name = k; i.value = fields[k];
      form.appendChild(i);
    });
    box.id = 'box-' + f.placement;
    box.setAttribute('data-placement', f.placement);
    var state = document.createElement('pre');
    state.className = 'frame-state';
    box.appendChild(label); box.appendChild(iframe); box.appendChild(form); box.appendChild(state);
    parent.appendChild(box);
    var opts = init.PLACEMENT_OPTIONS;
    frames[f.appSid] = { placement: f.placement, origin: origin, binds: {}, init: init, el: iframe, box: box,
      iface: f.interface, callbacks: {}, state: state,
      // USERFIELD_TYPE: the field value (PLACEMENT_OPTIONS.VALUE), setValue/getValue.
      value: opts && typeof opts === 'object' && hasOwn(opts, 'VALUE') ? opts.VALUE : null,
      properties: {}, layout: null, itemStates: {}, locked: false, finished: false };
    showState(frames[f.appSid]);
    form.submit();
    return frames[f.appSid];
  }
  cfg.frames.forEach(function (f) { if (f.placement !== CC) { mount(f, $('frames')); } });

  function split(s) {
    var r = s.split(':');
    return [r[0], r.slice(1, r.length - 2).join(':'), r[r.length - 2], r[r.length - 1]];
  }

  window.addEventListener('message', function (e) {
    if (typeof e.data !== 'string') { return; }
    var cmd = split(e.data), frame = frames[cmd[3]];
    if (!frame || e.origin !== frame.origin || e.source !== frame.el.contentWindow) { return; }
    // Absent parameters stay undefined; `0`, `null`, `""` and `false` stay
    // what they are.
    var params;
    if (cmd[1]) {
      try { params = JSON.parse(cmd[1]); } catch (x) { return; }
    }
    var key = cmd[2];
    var reply = function (res) {
      if (!key || !frame.el.contentWindow) { return; }
      frame.el.contentWindow.postMessage(key + ':' + (res === undefined ? '' : JSON.stringify(res)), frame.origin);
    };
    handle(frame, cmd[0], params, reply);
  });

  function handle(frame, command, params, reply) {
    var p = frame.placement, iface = frame.iface;
    switch (command) {
      case 'getInitData': return reply(frame.init);
      case 'refreshAuth':
        return fetch('/portal/refresh-auth?user=' + cfg.user, { method: 'POST' })
          .then(function (r) { return r.json(); }).then(reply);
      case 'getInterface': return reply({ command: Object.keys(iface.commands), event: iface.events.slice() });
      case 'placementBindEvent':
        // No answer now: the key answers each time the event fires.
        if (params && iface.events.indexOf(params.event) >= 0) {
          (frame.binds[params.event] = frame.binds[params.event] || []).push(reply);
          if (params.event === 'BackgroundCallCard::initialized' && window.b24PortalBound) { window.b24PortalBound(); }
          if (params.event === 'CallCard::EntityChanged') { entityToTab(frame, reply); }
        }
        return;
      case 'resizeWindow': return reply({ width: (params || {}).width, height: (params || {}).height });
      case 'setTitle': case 'setScroll': case 'setInstall': case 'setUserOption': case 'setAppOption':
        return reply(params);
      case 'setInstallFinish': case 'reloadWindow': return;
    }
    if (hasOwn(iface.commands, command)) {
      log(p + ' command ' + command + ' ' + JSON.stringify(params));
      if (p === PBW) { return pbwCommand(command, params || {}, reply); }
      if (p === CC) { return ccCommand(command, params || {}, reply); }
      return genericCommand(frame, command, params, reply);
    }
    // Unknown commands are ignored, as the portal does.
  }

  // --- other placements -----------------------------------------------------
  // Documented results, and the state the documented commands change.
  function genericCommand(frame, command, params, reply) {
    var spec = frame.iface.commands[command];
    if (spec.repeats) {
      // bind*Callback: null (or nothing, as B24Frame sends it) for every
      // block, a block id for that block only. The key answers each call.
      var list = frame.callbacks[command] = frame.callbacks[command] || [];
      list.push({ block: typeof params === 'string' && params !== '' ? params : null, reply: reply });
      return showState(frame);
    }
    switch (command) {
      case 'setValue': frame.value = params === undefined ? null : params; break;
      case 'getValue': return reply(frame.value);
      case 'setPropertyValue':
        if (params && typeof params === 'object' && !Array.isArray(params)) { Object.assign(frame.properties, params); }
        break;
      case 'setLayout': frame.layout = params === undefined ? null : params; frame.itemStates = {}; break;
      case 'setLayoutItemState': case 'setPrimaryButtonState': case 'setSecondaryButtonState':
        frame.itemStates[command === 'setLayoutItemState' ? 'item:' + ((params || {}).id || '') : command] = params;
        break;
      case 'lock': frame.locked = true; break;
      case 'unlock': frame.locked = false; break;
      case 'finish': frame.finished = true; break;
      // ui-interaction/index.md: the callback is invoked without arguments.
      case 'reloadData': showState(frame); return reply(undefined);
    }
    showState(frame);
    return reply(spec.result);
  }

  function showState(frame) {
    if (frame.placement === PBW || frame.placement === CC) { return; }
    var cbs = {};
    Object.keys(frame.callbacks).forEach(function (c) { cbs[c] = frame.callbacks[c].length; });
    var b = frame.box;
    b.setAttribute('data-value', JSON.stringify(frame.value));
    b.setAttribute('data-properties', JSON.stringify(frame.properties));
    b.setAttribute('data-layout', JSON.stringify(frame.layout));
    b.setAttribute('data-locked', String(frame.locked));
    b.setAttribute('data-finished', String(frame.finished));
    b.setAttribute('data-callbacks', JSON.stringify(cbs));
    frame.state.textContent = 'value ' + JSON.stringify(frame.value) + ' · properties ' + JSON.stringify(frame.properties) +
      ' · callbacks ' + JSON.stringify(cbs) + (frame.locked ? ' · locked' : '') + (frame.finished ? ' · finished' : '');
  }

  // /_emulator/placement/fire: an interface event, or a call of the
  // callbacks a repeating command registered; the page reports how many
  // subscriptions it reached.
  function fireRequested(ev) {
    var delivered = 0;
    Object.keys(frames).forEach(function (sid) {
      var f = frames[sid];
      if (f.placement !== ev.placement) { return; }
      if (ev.event) {
        (f.binds[ev.event] || []).forEach(function (cb) { delivered += 1; cb(ev.args[0]); });
      } else {
        var id = ev.value && typeof ev.value === 'object' ? ev.value.id : undefined;
        (f.callbacks[ev.command] || []).forEach(function (c) {
          if (c.block === null || c.block === id) {
            delivered += 1;
            c.reply(ev.value === null ? undefined : ev.value);
          }
        });
      }
    });
    log(ev.placement + ' fired ' + (ev.event || ev.command) + ' ' + JSON.stringify(ev.event ? ev.args : ev.value) +
      ' to ' + delivered);
    fetch('/portal/fired?seq=' + ev.seq + '&delivered=' + delivered, { method: 'POST' });
  }

  // The frame protocol answers a key with one JSON value: arguments after
  // the first (CallStateChanged's additionalParams) only show in the log.
  function fire(placement, event, arg, more) {
    log(event + (arg === undefined ? '' : ' ' + JSON.stringify(arg)) + (more === undefined ? '' : ' ' + JSON.stringify(more)));
    Object.keys(frames).forEach(function (sid) {
      var f = frames[sid];
      if (f.placement !== placement) { return; }
      (f.binds[event] || []).forEach(function (cb) { cb(arg); });
    });
  }

  // --- the call card ------------------------------------------------------
  // {data, uiState, muted, held, callState, autoClose, closeAt, tab}
  var card = null;
  var timerId = null;
  // An app's PAGE_BACKGROUND_WORKER drives the card with CallCardSetUiState;
  // without one, the card's own buttons move the call (answer/call ->
  // connecting -> connected, hang up -> idle), as the portal's telephony does.
  var hasWorker = cfg.frames.some(function (f) { return f.placement === PBW; });
  // The call state each UI state means.
  var CALL_STATES = { connectingIncoming: 'connecting', connectingOutgoing: 'connecting', connected: 'connected',
    transferring: 'connected', transferFailed: 'connected', transferConnected: 'connected' };
  // Blocked auto-closing keeps a finished card this long (disableAutoClose).
  var AUTO_CLOSE_DELAY_MS = 65000;
  var closeTimer = null, countdownId = null;

  function render() {
    var el = $('call-card');
    el.hidden = !card;
    if (!card) { return; }
    el.setAttribute('data-ui-state', card.uiState);
    el.setAttribute('data-call-id', card.data.CALL_ID || '');
    el.setAttribute('data-auto-close', String(card.autoClose));
    $('card-ui-state').textContent = card.uiState;
    $('card-call-state').textContent = card.callState;
    $('card-phone').textContent = card.data.PHONE_NUMBER || '';
    $('card-line').textContent = card.data.LINE_NUMBER || '';
    $('card-direction').textContent = card.data.CALL_DIRECTION || '';
    $('card-crm').textContent = card.data.CRM_ENTITY_TYPE ? card.data.CRM_ENTITY_TYPE + ' ' + card.data.CRM_ENTITY_ID : '';
    $('btn-mute').setAttribute('aria-pressed', String(card.muted));
    $('btn-hold').setAttribute('aria-pressed', String(card.held));
    document.querySelectorAll('#call-card [data-states]').forEach(function (b) {
      b.hidden = b.getAttribute('data-states').split(' ').indexOf(card.uiState) < 0;
    });
    var ac = $('card-autoclose');
    if (card.closeAt) {
      ac.hidden = false;
      ac.setAttribute('data-close-at', String(card.closeAt));
      ac.textContent = 'Call ended; auto-closing is disabled, the card closes in ' +
        Math.max(0, Math.ceil((card.closeAt - Date.now()) / 1000)) + ' s';
    } else {
      ac.hidden = true;
      ac.removeAttribute('data-close-at');
      ac.textContent = '';
    }
  }

  function startTimer() {
    stopTimer();
    var t0 = Date.now();
    $('card-timer').textContent = '0:00';
    $('card-timer').setAttribute('data-running', 'true');
    timerId = setInterval(function () {
      var s = Math.floor((Date.now() - t0) / 1000);
      $('card-timer').textContent = Math.floor(s / 60) + ':' + ('0' + (s % 60)).slice(-2);
    }, 500);
  }
  function stopTimer() {
    if (timerId) { clearInterval(timerId); timerId = null; }
    $('card-timer').setAttribute('data-running', 'false');
    if (!/\d/.test($('card-timer').textContent)) { $('card-timer').textContent = 'stopped'; }
  }

  // CallCard::CallStateChanged fires on a change only.
  function setCallState(state, additionalParams) {
    if (!card || state === card.callState) { return; }
    card.callState = state;
    render();
    fire(CC, 'CallCard::CallStateChanged', state, additionalParams || {});
  }

  function setUiState(state, disableAutoStartTimer) {
    var before = card.uiState;
    card.uiState = state;
    if (state === 'connected' && !disableAutoStartTimer) { startTimer(); } else if (state !== 'connected') { stopTimer(); }
    render();
    setCallState(CALL_STATES[state] || 'idle');
    return before;
  }

  // The call context a CALL_CARD tab receives in PLACEMENT_OPTIONS: strings,
  // as the portal sends them.
  function callContext(d) {
    var o = { CALL_ID: d.CALL_ID };
    if (d.PHONE_NUMBER) { o.PHONE_NUMBER = d.PHONE_NUMBER; }
    o.LINE_NUMBER = d.LINE_NUMBER;
    o.LINE_NAME = d.LINE_NAME || d.LINE_NUMBER;
    o.CRM_ENTITY_TYPE = d.CRM_ENTITY_TYPE || '';
    o.CRM_ENTITY_ID = String(d.CRM_ENTITY_ID || 0);
    o.CRM_ACTIVITY_ID = d.CRM_ACTIVITY_ID ? String(d.CRM_ACTIVITY_ID) : 'undefined';
    if (d.CRM_BINDINGS && d.CRM_BINDINGS.length) {
      o.CRM_BINDINGS = d.CRM_BINDINGS.map(function (b) { return { ENTITY_TYPE: b.ENTITY_TYPE, ENTITY_ID: String(b.ENTITY_ID) }; });
    }
    o.CALL_DIRECTION = d.CALL_DIRECTION;
    o.CALL_STATE = card.callState;
    o.CALL_LIST_MODE = String(!!d.CALL_LIST_MODE);
    o.URI = d.CRM_ENTITY_TYPE ? '/crm/' + d.CRM_ENTITY_TYPE.toLowerCase() + '/details/' + d.CRM_ENTITY_ID + '/' : '';
    return o;
  }

  function entityOf(d) {
    return { PHONE_NUMBER: d.PHONE_NUMBER || 'unknown', CRM_ENTITY_TYPE: d.CRM_ENTITY_TYPE, CRM_ENTITY_ID: d.CRM_ENTITY_ID };
  }

  // A tab loads after its card opened: the card's CRM data reaches it as
  // CallCard::EntityChanged once it subscribed (B24Frame settles a
  // bindEvent after 900 ms and takes the first answer as the settlement).
  function entityToTab(frame, cb) {
    var c = card;
    if (!c || c.tab !== frame) { return; }
    setTimeout(function () {
      if (card !== c) { return; }
      var entity = entityOf(c.data);
      log('CallCard::EntityChanged ' + JSON.stringify(entity));
      cb(entity);
    }, 1000);
  }

  function dropTabs() {
    Object.keys(frames).forEach(function (sid) {
      if (frames[sid].placement === CC) { frames[sid].box.remove(); delete frames[sid]; }
    });
  }

  function openCard(data) {
    if (card && card.data.CALL_ID === data.CALL_ID) { return; } // shown again
    if (card) { closeCard(); }
    card = { data: data, uiState: data.CALL_DIRECTION === 'outgoing' ? 'outgoing' : 'incoming', muted: false, held: false,
      callState: 'idle', autoClose: true, closeAt: null, tab: null };
    $('card-title').textContent = 'Call ' + (data.PHONE_NUMBER || '');
    $('card-status').textContent = '';
    $('card-timer').textContent = 'stopped';
    render();
    fire(PBW, 'BackgroundCallCard::initialized', data);
    fire(PBW, 'BackgroundCallCard::entityChanged', entityOf(data));
    // The previous card's tab stayed (hidden) so that it could finish
    // forwarding BeforeClose; the new card gets a fresh one.
    dropTabs();
    tabs.forEach(function (f) { card.tab = mount(f, $('card-tabs'), callContext(data)); });
  }

  function clearClose() {
    if (closeTimer) { clearTimeout(closeTimer); closeTimer = null; }
    if (countdownId) { clearInterval(countdownId); countdownId = null; }
  }

  // The card goes away: CallCard::BeforeClose, then the card is gone.
  function closeCard() {
    if (!card) { return; }
    fire(CC, 'CallCard::BeforeClose');
    clearClose();
    stopTimer();
    card = null;
    render();
  }

  // Bitrix24 tries to close the card after the conversation: BeforeClose
  // arrives either way; with auto-closing disabled the card stays another
  // 65 seconds and BeforeClose arrives again when it really closes.
  function autoClose() {
    if (!card) { return; }
    if (card.autoClose) { return closeCard(); }
    fire(CC, 'CallCard::BeforeClose');
    holdOpen();
  }
  function holdOpen() {
    clearClose();
    card.closeAt = Date.now() + AUTO_CLOSE_DELAY_MS;
    closeTimer = setTimeout(closeCard, AUTO_CLOSE_DELAY_MS);
    countdownId = setInterval(render, 1000);
    render();
  }

  // The conversation is over: the call goes idle and the card tries to close.
  function endCall(failedCode) {
    if (!card) { return; }
    card.uiState = 'idle';
    stopTimer();
    setCallState('idle', failedCode ? { failedCode: failedCode } : {});
    render();
    autoClose();
  }

  // Without a background worker, the portal connects the call itself.
  function connect(via) {
    setUiState(via);
    setTimeout(function () { if (card && card.uiState === via) { setUiState('connected'); } }, 300);
  }

  function click(id, fn) { $(id).addEventListener('click', fn); }
  function onButton(id, event, arg) {
    click(id, function () { fire(PBW, 'BackgroundCallCard::' + event, typeof arg === 'function' ? arg() : arg); });
  }
  onButton('btn-answer', 'answerButtonClick');
  onButton('btn-skip', 'skipButtonClick');
  onButton('btn-make-call', 'makeCallButtonClick');
  onButton('btn-hangup', 'hangupButtonClick');
  if (!hasWorker) {
    click('btn-answer', function () { connect('connectingIncoming'); });
    click('btn-make-call', function () { connect('connectingOutgoing'); });
    click('btn-skip', function () { endCall(); });
    click('btn-hangup', function () { endCall(); });
  }
  onButton('btn-complete-transfer', 'completeTransferButtonClick');
  onButton('btn-cancel-transfer', 'cancelTransferButtonClick');
  onButton('btn-notify-admin', 'notifyAdminButtonClick');
  onButton('btn-next', 'nextButtonClick');
  onButton('btn-transfer', 'transferButtonClick', function () {
    return { phoneNumber: card.data.PHONE_NUMBER, target: $('transfer-target').value };
  });
  onButton('btn-add-comment', 'addCommentButtonClick', function () { return $('comment-text').value; });
  click('btn-mute', function () { card.muted = !card.muted; render(); fire(PBW, 'BackgroundCallCard::muteButtonClick', card.muted); });
  click('btn-hold', function () { card.held = !card.held; render(); fire(PBW, 'BackgroundCallCard::holdButtonClick', card.held); });
  [1, 2, 3, 4, 5].forEach(function (n) { onButton('btn-quality-' + n, 'qualityMeterClick', String(n)); });
  '0123456789'.split('').forEach(function (d) { onButton('btn-dial-' + d, 'dialpadButtonClick', d); });
  onButton('btn-dial-star', 'dialpadButtonClick', '*');
  onButton('btn-dial-hash', 'dialpadButtonClick', '#');
  click('btn-close', function () { fire(PBW, 'BackgroundCallCard::closeButtonClick'); closeCard(); });

  var NO_CARD = [{ result: 'error', errorCode: 'Call card is undefined' }];
  function pbwCommand(command, params, reply) {
    if (command === 'CallCardGetListUiStates') { return reply(UI_STATES.slice()); }
    if (!card) { return reply(NO_CARD); }
    switch (command) {
      // Set by the app: the card changes, no *ButtonClick event fires.
      case 'CallCardSetMute': card.muted = !!params.muted; render(); return reply([]);
      case 'CallCardSetHold': card.held = !!params.held; render(); return reply([]);
      case 'CallCardSetUiState':
        if (UI_STATES.indexOf(params.uiState) < 0) { return reply([{ result: 'error', errorCode: 'Invalid ui state' }]); }
        setUiState(params.uiState, params.disableAutoStartTimer === true);
        return reply([]);
      case 'CallCardSetCardTitle': $('card-title').textContent = String(params.title); return reply([]);
      case 'CallCardSetStatusText': $('card-status').textContent = String(params.statusText); return reply([]);
      // In the browser these never call back.
      case 'CallCardStartTimer': startTimer(); return;
      case 'CallCardStopTimer': stopTimer(); return;
      case 'CallCardClose': closeCard(); return reply([]);
    }
  }

  function ccCommand(command, params, reply) {
    if (!card) { return; }
    switch (command) {
      case 'getStatus':
        var d = JSON.parse(JSON.stringify(card.data));
        d.CALL_STATE = card.callState;
        return reply(d);
      // Also restarts a running countdown at 65 seconds.
      case 'disableAutoClose':
        card.autoClose = false;
        if (card.closeAt) { holdOpen(); } else { render(); }
        return reply([]);
      // After the conversation the card closes now; during it, the block is lifted.
      case 'enableAutoClose':
        card.autoClose = true;
        reply([]);
        if (card.closeAt) { closeCard(); } else { render(); }
        return;
    }
  }

  // --- cards raised over REST -----------------------------------------------
  function apply(ev) {
    if (ev.type === 'fire') { return fireRequested(ev); }
    if (ev.type === 'show') { openCard(ev.card); }
    if (ev.type === 'hide' && card && card.data.CALL_ID === ev.callId) {
      // telephony.externalCall.finish ends the conversation; externalCall.hide
      // only takes the card away. Either way the portal tries to close it.
      if (ev.finished) { endCall(ev.failedCode); } else { autoClose(); }
    }
  }
  // Cards raised before the page opened come up once the background worker
  // has subscribed (B24Frame settles its bindEvent after 900 ms).
  var pending = cfg.open || [];
  function openPending() { var p = pending; pending = []; p.forEach(apply); }
  if (!hasWorker) { openPending(); }
  window.b24PortalBound = function () { if (pending.length) { setTimeout(openPending, 1000); } };
  var after = cfg.after;
  (function poll() {
    fetch('/portal/ui?user=' + cfg.user + '&after=' + after).then(function (r) { return r.json(); }).then(function (b) {
      after = b.after;
      b.events.forEach(apply);
      poll();
    }, function () { setTimeout(poll, 1000); });
  }());
}());
