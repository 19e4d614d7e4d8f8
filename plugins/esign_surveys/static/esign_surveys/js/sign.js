// Signing an answer with NCALayer (wss://127.0.0.1:13579): the server freezes the canonical
// bytes with a single-use nonce, NCALayer signs them (detached CMS with a timestamp) through
// the current `kz.gov.pki.knca.basics` module, or the legacy `commonUtils` API when basics is
// not available, and the server verifies the CMS. The answer is already saved: if NCALayer is
// not running, the page explains how to start it.
(function () {
  "use strict";
  var box = document.getElementById("esign-signing");
  if (!box) return;
  var button = document.getElementById("esign-sign-button");
  var progress = document.getElementById("esign-progress");
  var result = document.getElementById("esign-result");
  var missing = document.getElementById("ncalayer-missing");
  var csrf = box.querySelector("input[name=csrfmiddlewaretoken]").value;
  var SIGN_EKU = "1.3.6.1.5.5.7.3.4";
  var STORAGES = ["PKCS12", "AKKaztokenStore", "AKKZIDCardStore", "AKEToken72KStore", "AKJaCartaStore"];

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, "Content-Type": "application/json", Accept: "application/json" },
      body: body === undefined ? "{}" : JSON.stringify(body),
    }).then(function (r) {
      // Every answer of ours is JSON; anything else (a proxy's or server's error page) is
      // reported with the page's own translated message, never as a raw parser error.
      var type = r.headers.get("Content-Type") || "";
      if (type.indexOf("application/json") === -1) throw new Error("server-error");
      return r.json();
    });
  }

  function say(text, kind) {
    result.textContent = text;
    result.className = "esign-result " + (kind === true ? "ok" : kind || "error");
    result.hidden = false;
  }

  // One websocket conversation: NCALayer answers each request with the next text frame and
  // greets with {"result":{"version":...}} first, which is skipped.
  function connect(url) {
    return new Promise(function (resolve, reject) {
      var socket;
      try { socket = new WebSocket(url); } catch (e) { reject(e); return; }
      var queue = [];
      var opened = false;
      socket.onopen = function () {
        opened = true;
        resolve({
          call: function (request) {
            return new Promise(function (done, fail) {
              queue.push({ done: done, fail: fail });
              socket.send(JSON.stringify(request));
            });
          },
          close: function () { socket.close(); },
        });
      };
      socket.onmessage = function (event) {
        var message;
        try { message = JSON.parse(event.data); } catch (e) { return; }
        var isGreeting = message.result && message.result.version && !("status" in message) && !("code" in message);
        if (isGreeting || !queue.length) return;
        queue.shift().done(message);
      };
      socket.onerror = function () { if (!opened) reject(new Error("ncalayer-unreachable")); };
      socket.onclose = function () {
        if (!opened) reject(new Error("ncalayer-unreachable"));
        while (queue.length) queue.shift().fail(new Error("ncalayer-closed"));
      };
    });
  }

  function signBasics(layer, data) {
    var signer = { extKeyUsageOids: [SIGN_EKU] };
    if (box.dataset.iin) signer.iin = box.dataset.iin;
    return layer.call({
      module: "kz.gov.pki.knca.basics",
      method: "sign",
      args: {
        allowedStorages: STORAGES,
        format: "cms",
        data: data,
        signingParams: { decode: true, encapsulate: false, digested: false, tsaProfile: {} },
        signerParams: signer,
        locale: box.dataset.locale || "kk",
      },
    }).then(function (answer) {
      if (answer.status === true) {
        if (answer.body && answer.body.result) return { cms: answer.body.result, api: "basics" };
        return { cancelled: true };
      }
      return { failed: answer };
    });
  }

  function signCommonUtils(layer, data) {
    return layer.call({
      module: "kz.gov.pki.knca.commonUtils",
      method: "createCAdESFromBase64",
      args: ["PKCS12", "SIGNATURE", data, false],
    }).then(function (answer) {
      if (String(answer.code) === "200" && answer.responseObject) {
        return { cms: answer.responseObject, api: "commonUtils" };
      }
      if (answer.message === "action.canceled") return { cancelled: true };
      return { failed: answer };
    });
  }

  button.addEventListener("click", function () {
    button.disabled = true;
    missing.hidden = true;
    result.hidden = true;
    var challenge;
    var layer;
    post(box.dataset.challengeUrl)
      .then(function (issued) {
        challenge = issued;
        return connect(box.dataset.ncalayerUrl);
      })
      .then(function (connection) {
        layer = connection;
        progress.hidden = false;
        return signBasics(layer, challenge.data);
      })
      .then(function (outcome) {
        return outcome.failed ? signCommonUtils(layer, challenge.data) : outcome;
      })
      .then(function (outcome) {
        progress.hidden = true;
        if (layer) layer.close();
        if (outcome.cancelled) { say(box.dataset.cancelled || "—", false); button.disabled = false; return null; }
        if (outcome.failed) {
          say(outcome.failed.message || outcome.failed.code || "NCALayer", false);
          button.disabled = false;
          return null;
        }
        return post(box.dataset.signUrl, { nonce: challenge.nonce, cms: outcome.cms, api: outcome.api });
      })
      .then(function (answer) {
        if (!answer) return;
        if (answer.ok) say(answer.message, true);
        else if (answer.pending) say(answer.message, "pending");
        else say(answer.message + " (" + (answer.detail || answer.status_code) + ")", "error");
        var state = document.getElementById("esign-state");
        if (answer.state) state.dataset.state = answer.state;
        var label = document.getElementById("esign-state-label");
        if (label && answer.state_label) label.textContent = answer.state_label;
        box.dataset.status = answer.status_code || "";
        // Signed, or waiting for the revocation check that the server repeats by itself.
        if (answer.ok || answer.pending) button.hidden = true;
        else button.disabled = false;
      })
      .catch(function (error) {
        progress.hidden = true;
        button.disabled = false;
        if (error && /ncalayer/.test(error.message)) missing.hidden = false;
        else say(box.dataset.failed || "—", "error");
      });
  });
})();
