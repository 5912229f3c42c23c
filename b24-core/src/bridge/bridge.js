/* b24 widget bridge. Runs in the placement iframe: subscribes to the
 * placement's interface events through the frame protocol (BX24, the
 * @bitrix24/b24jssdk B24Frame, or the small built-in client below), forwards
 * each event to the app server as {event, args, seq}, and runs the commands
 * the server queues with placement.call. Parameters go to the portal as they
 * are (setValue(0), bind*Callback(null)); a repeating command's callback
 * stays registered and each call is forwarded as {id, result, seq}.
 * Config: window.B24_BRIDGE = {token, base, placement, subscriptions,
 * portalOrigin, appSid, noReplyMs}. */
(function () {
  'use strict';
  var cfg = window.B24_BRIDGE;
  if (!cfg) { return; }
  var slice = Array.prototype.slice;

  function status(s) {
    var el = document.getElementById('b24-bridge-status');
    if (el) { el.textContent = s; }
    document.documentElement.setAttribute('data-b24-bridge', s);
  }

  function request(method, path, body) {
    var init = {
      method: method,
      headers: { 'Authorization': 'Bearer ' + cfg.token },
      credentials: 'same-origin'
    };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(cfg.base + path, init);
  }

  // Events and callback calls go out one at a time and in order; each
  // carries a fresh sequence number, so the server can refuse a replayed post.
  var seq = 0;
  var queue = Promise.resolve();
  function post(path, body, what, onStatus) {
    seq += 1;
    body.seq = seq;
    queue = queue.then(function () {
      return request('POST', path, body);
    }).then(function (r) {
      if (onStatus) { onStatus(r.status); }
      if (!r.ok) { console.warn('b24 bridge: ' + what + ' answered ' + r.status); }
    }, function (e) { console.warn('b24 bridge: forwarding ' + what + ' failed', e); });
  }
  function forward(event, args) {
    post('/events', { event: event, args: args }, event);
  }
  // The app dropped the stream (410): later calls are not forwarded.
  var dropped = {};
  function forwardCallback(id, value) {
    if (dropped[id]) { return; }
    post('/commands/callback', { id: id, result: value === undefined ? null : value }, 'callback of command ' + id,
      function (status) { if (status === 410) { dropped[id] = true; } });
  }

  function isPlainObject(v) {
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  }

  // The portal side of the frame protocol answers `callbackKey:JSON`, and a
  // bound event arrives as a reply to its placementBindEvent key.
  function builtinClient() {
    var origin = cfg.portalOrigin, sid = cfg.appSid, callbacks = {}, n = 0;
    window.addEventListener('message', function (e) {
      if (e.origin !== origin || typeof e.data !== 'string') { return; }
      var i = e.data.indexOf(':');
      if (i < 0) { return; }
      var cb = callbacks[e.data.slice(0, i)], raw = e.data.slice(i + 1), args = [];
      if (!cb) { return; }
      if (raw !== '') {
        try { args = [JSON.parse(raw)]; } catch (x) { console.warn('b24 bridge: bad reply', raw); return; }
      }
      if (!cb.keep) { delete callbacks[e.data.slice(0, i)]; }
      cb.fn.apply(window, args);
    });
    function send(command, params, fn, keep) {
      n += 1;
      var key = 'b24b' + n + 'x' + Math.random().toString(36).slice(2, 10);
      if (fn) { callbacks[key] = { fn: fn, keep: !!keep }; }
      // An empty object goes as nothing, as B24Frame sends it; anything
      // else (0, null, "", false, strings, arrays) as its JSON.
      var p = params === undefined || (isPlainObject(params) && !Object.keys(params).length)
        ? '' : JSON.stringify(params);
      window.parent.postMessage(command + ':' + p + ':' + key + ':' + sid, origin);
      return key;
    }
    return {
      name: 'builtin',
      bind: function (event, fn) {
        send('placementBindEvent', { event: event }, fn, true);
        return Promise.resolve();
      },
      call: function (command, params) {
        return new Promise(function (resolve) {
          var key = null;
          var timer = setTimeout(function () {
            delete callbacks[key];
            resolve({ noReply: true });
          }, cfg.noReplyMs);
          key = send(command, params, function (v) {
            clearTimeout(timer);
            resolve({ result: v === undefined ? null : v });
          });
        });
      },
      // The key stays: the portal answers it each time.
      repeat: function (command, params, fn) {
        send(command, params, fn, true);
        return Promise.resolve();
      }
    };
  }

  function bx24Client() {
    return {
      name: 'bx24',
      bind: function (event, fn) { window.BX24.placement.bindEvent(event, fn); return Promise.resolve(); },
      call: function (command, params) {
        return new Promise(function (resolve) {
          var timer = setTimeout(function () { resolve({ noReply: true }); }, cfg.noReplyMs);
          window.BX24.placement.call(command, params, function (v) {
            clearTimeout(timer);
            resolve({ result: v === undefined ? null : v });
          });
        });
      },
      repeat: function (command, params, fn) {
        window.BX24.placement.call(command, params, fn);
        return Promise.resolve();
      }
    };
  }

  // B24Frame.placement.call resolves with {isSafely: true} when the portal
  // stays silent for 900 ms (CallCardStartTimer does, by design). It takes
  // an object: setValue's value goes JSON-encoded in `value` (sent raw), any
  // other value that is not an object as `singleOption` (sent as its JSON;
  // B24Frame sends a falsy one as nothing, which the portal reads as null).
  function jssdkArgs(command, params) {
    if (command === 'setValue') { return { value: JSON.stringify(params === undefined ? null : params) }; }
    if (isPlainObject(params)) { return Object.assign({}, params); }
    return params ? { singleOption: params } : {};
  }
  function isSafely(v) { return v && typeof v === 'object' && v.isSafely === true; }
  // B24Frame's `call` (2.2) also sends its own `isRawValue: false` among the
  // parameters; `callCustomBind` sends them as given (a string as
  // singleOption, an object's keys), so it carries every other command.
  function jssdkSend(frame, command, params, fn) {
    var pl = frame.placement;
    if (command === 'setValue' && typeof pl.setValue === 'function') {
      return pl.setValue(params === undefined ? null : params);
    }
    if (typeof pl.callCustomBind === 'function') {
      return pl.callCustomBind(command, params === undefined ? null : params, fn);
    }
    var args = jssdkArgs(command, params);
    if (fn) { args.callBack = fn; }
    return pl.call(command, args);
  }
  function jssdkClient(frame) {
    return {
      name: 'b24jssdk',
      bind: function (event, fn) { return frame.placement.bindEvent(event, fn); },
      call: function (command, params) {
        var run = jssdkSend(frame, command, params);
        return run.then(function (v) {
          if (isSafely(v)) { return { noReply: true }; }
          return { result: v === undefined ? null : v };
        });
      },
      // The promise takes the first answer, `callBack` every later one.
      repeat: function (command, params, fn) {
        jssdkSend(frame, command, params, fn).then(function (v) { if (!isSafely(v)) { fn(v); } });
        return Promise.resolve();
      }
    };
  }

  function pickClient() {
    if (window.B24Js && typeof window.B24Js.initializeB24Frame === 'function') {
      return window.B24Js.initializeB24Frame().then(jssdkClient);
    }
    if (window.BX24 && window.BX24.placement && typeof window.BX24.init === 'function') {
      return new Promise(function (resolve) { window.BX24.init(function () { resolve(bx24Client()); }); });
    }
    return Promise.resolve(builtinClient());
  }

  function pollCommands(client) {
    request('GET', '/commands').then(function (r) {
      if (r.status === 200) {
        return r.json().then(function (cmd) {
          var run = cmd.repeat
            ? client.repeat(cmd.command, cmd.params, function (v) { forwardCallback(cmd.id, v); })
              .then(function () { return { bound: true }; })
            : client.call(cmd.command, cmd.params);
          return run.then(function (out) {
            out.id = cmd.id;
            return request('POST', '/commands/result', out);
          });
        }).then(function () { return true; });
      }
      if (r.status === 204) { return true; }
      console.warn('b24 bridge: command poll answered ' + r.status);
      return r.status !== 401;
    }, function (e) {
      console.warn('b24 bridge: command poll failed', e);
      return new Promise(function (resolve) { setTimeout(function () { resolve(true); }, 1000); });
    }).then(function (again) { if (again) { pollCommands(client); } });
  }

  function start() {
    var client = null;
    status('connecting');
    pickClient().then(function (c) {
      client = c;
      status('binding');
      return Promise.all(cfg.subscriptions.map(function (event) {
        return client.bind(event, function () { forward(event, slice.call(arguments)); });
      }));
    }).then(function () {
      return request('POST', '/ready', { client: client.name });
    }).then(function () {
      status('ready:' + client.name);
      window.b24Bridge = { client: client.name };
      pollCommands(client);
    }).catch(function (e) {
      status('error');
      console.error('b24 bridge: start failed', e);
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
