/* The portal side of the Bitrix24 frame protocol, as the portal page runs
 * it: requests arrive as `command:params:callbackKey:appSid` strings, replies
 * go back as `callbackKey:JSON`, and a bound interface event is a reply to
 * the callback key of its placementBindEvent request. */
(function () {
  'use strict';
  var cfg = window.B24_PORTAL;
  var $ = function (id) { return document.getElementById(id); };
  var PBW = 'PAGE_BACKGROUND_WORKER', CC = 'CALL_CARD';
  var UI_STATES = ['incoming', 'transferIncoming', 'outgoing', 'connectingIncoming', 'connectingOutgoing',
    'connected', 'transferring', 'transferFailed', 'transferConnected', 'error', 'moneyError', 'redial'];
  var EVENTS = {};
  EVENTS[PBW] = ['initialized', 'addCommentButtonClick', 'muteButtonClick', 'holdButtonClick', 'closeButtonClick',
    'transferButtonClick', 'cancelTransferButtonClick', 'completeTransferButtonClick', 'hangupButtonClick',
    'nextButtonClick', 'skipButtonClick', 'answerButtonClick', 'entityChanged', 'makeCallButtonClick',
    'qualityMeterClick', 'dialpadButtonClick', 'notifyAdminButtonClick'].map(function (e) { return 'BackgroundCallCard::' + e; });
  EVENTS[CC] = ['CallCard::EntityChanged', 'CallCard::BeforeClose', 'CallCard::CallStateChanged'];
  var COMMANDS = {};
  COMMANDS[PBW] = ['CallCardSetMute', 'CallCardSetHold', 'CallCardSetUiState', 'CallCardGetListUiStates',
    'CallCardSetCardTitle', 'CallCardSetStatusText', 'CallCardStartTimer', 'CallCardStopTimer', 'CallCardClose'];
  COMMANDS[CC] = ['getStatus', 'disableAutoClose', 'enableAutoClose'];
  var BASE = ['getInitData', 'refreshAuth', 'placementBindEvent', 'getInterface', 'resizeWindow', 'setTitle',
    'setScroll', 'setInstall', 'setInstallFinish', 'setUserOption', 'setAppOption', 'reloadWindow'];

  $('portal-user').textContent = cfg.user;

  function log(line) {
    var el = $('event-log');
    el.textContent += line + '\n';
  }

  // --- frames -------------------------------------------------------------
  var frames = {}; // appSid -> {placement, origin, win, binds, init}
  cfg.frames.forEach(function (f) {
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
    Object.keys(f.form).forEach(function (k) {
      var i = document.createElement('input');
      i.type = 'hidden'; i.name = k; i.value = f.form[k];
      form.appendChild(i);
    });
    box.appendChild(label); box.appendChild(iframe); box.appendChild(form);
    $('frames').appendChild(box);
    frames[f.appSid] = { placement: f.placement, origin: origin, win: iframe.contentWindow, binds: {}, init: f.init, el: iframe };
    form.submit();
  });

  function split(s) {
    var r = s.split(':');
    return [r[0], r.slice(1, r.length - 2).join(':'), r[r.length - 2], r[r.length - 1]];
  }

  window.addEventListener('message', function (e) {
    if (typeof e.data !== 'string') { return; }
    var cmd = split(e.data), frame = frames[cmd[3]];
    if (!frame || e.origin !== frame.origin || e.source !== frame.el.contentWindow) { return; }
    var params = {};
    if (cmd[1]) {
      try { params = JSON.parse(cmd[1]); } catch (x) { return; }
    }
    var key = cmd[2];
    var reply = function (res) {
      if (!key) { return; }
      frame.el.contentWindow.postMessage(key + ':' + (res === undefined ? '' : JSON.stringify(res)), frame.origin);
    };
    handle(frame, cmd[0], params, reply);
  });

  function handle(frame, command, params, reply) {
    var p = frame.placement;
    switch (command) {
      case 'getInitData': return reply(frame.init);
      case 'refreshAuth':
        return fetch('/portal/refresh-auth?user=' + cfg.user, { method: 'POST' })
          .then(function (r) { return r.json(); }).then(reply);
      case 'getInterface': return reply({ command: COMMANDS[p].slice(), event: EVENTS[p].slice() });
      case 'placementBindEvent':
        // No answer now: the key answers each time the event fires.
        if (params && EVENTS[p].indexOf(params.event) >= 0) {
          (frame.binds[params.event] = frame.binds[params.event] || []).push(reply);
          if (params.event === 'BackgroundCallCard::initialized' && window.b24PortalBound) { window.b24PortalBound(); }
        }
        return;
      case 'resizeWindow': return reply({ width: params.width, height: params.height });
      case 'setTitle': case 'setScroll': case 'setInstall': case 'setUserOption': case 'setAppOption':
        return reply(params);
      case 'setInstallFinish': case 'reloadWindow': return;
    }
    if (COMMANDS[p].indexOf(command) >= 0) {
      log(p + ' command ' + command + ' ' + JSON.stringify(params));
      return (p === PBW ? pbwCommand : ccCommand)(command, params, reply);
    }
    // Unknown commands are ignored, as the portal does.
  }

  function fire(placement, event, arg) {
    log(event + (arg === undefined ? '' : ' ' + JSON.stringify(arg)));
    Object.keys(frames).forEach(function (sid) {
      var f = frames[sid];
      if (f.placement !== placement) { return; }
      (f.binds[event] || []).forEach(function (cb) { cb(arg); });
    });
  }

  // --- the call card ------------------------------------------------------
  var card = null; // {data, uiState, muted, held, timer, autoClose}
  var timerId = null;

  function render() {
    var el = $('call-card');
    el.hidden = !card;
    if (!card) { return; }
    el.setAttribute('data-ui-state', card.uiState);
    $('card-ui-state').textContent = card.uiState;
    $('card-phone').textContent = card.data.PHONE_NUMBER || '';
    $('btn-mute').setAttribute('aria-pressed', String(card.muted));
    $('btn-hold').setAttribute('aria-pressed', String(card.held));
    document.querySelectorAll('#call-card [data-states]').forEach(function (b) {
      b.hidden = b.getAttribute('data-states').split(' ').indexOf(card.uiState) < 0;
    });
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

  function setUiState(state, disableAutoStartTimer) {
    var before = card.uiState;
    card.uiState = state;
    if (state === 'connected' && !disableAutoStartTimer) { startTimer(); } else if (state !== 'connected') { stopTimer(); }
    render();
    var callState = state === 'connected' ? 'connected' : /^connecting/.test(state) ? 'connecting' : null;
    if (callState && callState !== card.callState) {
      card.callState = callState;
      fire(CC, 'CallCard::CallStateChanged', callState);
    }
    return before;
  }

  function openCard(data) {
    card = { data: data, uiState: data.CALL_DIRECTION === 'outgoing' ? 'outgoing' : 'incoming', muted: false, held: false, callState: 'idle', autoClose: true };
    $('card-title').textContent = 'Call ' + (data.PHONE_NUMBER || '');
    $('card-status').textContent = '';
    $('card-timer').textContent = 'stopped';
    render();
    var entity = { PHONE_NUMBER: data.PHONE_NUMBER || 'unknown', CRM_ENTITY_TYPE: data.CRM_ENTITY_TYPE, CRM_ENTITY_ID: data.CRM_ENTITY_ID };
    fire(PBW, 'BackgroundCallCard::initialized', data);
    fire(PBW, 'BackgroundCallCard::entityChanged', entity);
    fire(CC, 'CallCard::EntityChanged', entity);
  }

  function closeCard() {
    if (!card) { return; }
    fire(CC, 'CallCard::BeforeClose');
    stopTimer();
    card = null;
    render();
  }

  function click(id, fn) { $(id).addEventListener('click', fn); }
  function onButton(id, event, arg) {
    click(id, function () { fire(PBW, 'BackgroundCallCard::' + event, typeof arg === 'function' ? arg() : arg); });
  }
  onButton('btn-answer', 'answerButtonClick');
  onButton('btn-skip', 'skipButtonClick');
  onButton('btn-make-call', 'makeCallButtonClick');
  onButton('btn-hangup', 'hangupButtonClick');
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
      case 'disableAutoClose': card.autoClose = false; return reply([]);
      case 'enableAutoClose': card.autoClose = true; return reply([]);
    }
  }

  // --- cards raised over REST -----------------------------------------------
  function apply(ev) {
    if (ev.type === 'show') { openCard(ev.card); }
    if (ev.type === 'hide' && card && card.data.CALL_ID === ev.callId) { closeCard(); }
  }
  // Cards raised before the page opened come up once the background worker
  // has subscribed (B24Frame settles its bindEvent after 900 ms).
  var pending = cfg.open || [];
  function openPending() { var p = pending; pending = []; p.forEach(apply); }
  var hasWorker = cfg.frames.some(function (f) { return f.placement === PBW; });
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
