// hbh werkplek: each change goes to the server (over one WebSocket, only the fields that
// changed; else the form is posted to /werkplek/bereken) and only the result beside the form
// is replaced (one computation, one small render). Without this script the buttons post the
// form and the server sends the whole page back.
"use strict";
(function () {
  const form = document.getElementById("werkplek");
  if (!form) return;
  let timer = null;
  let sequence = 0;
  let changedAt = 0;

  function body(extra) {
    const data = new FormData(form);
    if (extra) data.append(extra.name, extra.value);
    return new URLSearchParams(data);
  }

  // Only the fields whose remark changes are touched (the form has hundreds of fields).
  let shownRemarks = null;
  function showRemarks(remarks) {
    const names = new Set(Object.keys(remarks));
    if (shownRemarks === null) {
      shownRemarks = new Set();
      for (const span of form.querySelectorAll(".fout[data-veld]")) {
        if (span.textContent) shownRemarks.add(span.dataset.veld);
      }
    }
    for (const name of new Set([...names, ...shownRemarks])) {
      const id = name.replaceAll(".", "-");
      const span = document.getElementById("fout-v-" + id);
      const text = remarks[name] || "";
      if (!span) continue;
      if (span.textContent !== text) span.textContent = text;
      const holder = span.closest(".veld");
      if (holder) holder.classList.toggle("heeft-fout", text !== "");
      const input = document.getElementById("v-" + id);
      if (input) input.setAttribute("aria-invalid", text ? "true" : "false");
    }
    shownRemarks = names;
  }

  // Live updates go over one WebSocket that stays open and carry only the fields that changed
  // since the last message; without it (not yet open, closed, refused) the whole form is posted.
  let socket = null;
  let sent = null;  // what the server has from this page: name -> values
  const clocks = new Map();  // update number -> its clock readings (for the tests and docs)

  function connect() {
    if (!("WebSocket" in window)) return;
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    const opened = new WebSocket(scheme + location.host + "/werkplek/live");
    opened.onopen = () => { socket = opened; sent = null; };
    opened.onmessage = (event) => {
      const answer = JSON.parse(event.data);
      if (answer.uitkomst !== undefined) show(answer, answer.n, performance.now());
      else if (answer.n !== undefined && pings.has(answer.n)) pings.get(answer.n)();
    };
    opened.onclose = () => { if (socket === opened) { socket = null; sent = null; } };
  }

  let reshaped = true;  // something was shown or hidden since the last message: compare all
  const touched = new Set();  // else: the fields changed since the last message

  function currentValues(name) {  // what new FormData(form).getAll(name) would give
    const values = [];
    for (const control of form.querySelectorAll(`[name="${CSS.escape(name)}"]`)) {
      if (control.disabled || control.type === "submit" || control.type === "button") continue;
      if ((control.type === "checkbox" || control.type === "radio") && !control.checked) continue;
      if (control.tagName === "SELECT" && control.multiple) {
        for (const option of control.selectedOptions) values.push(option.value);
      } else values.push(control.value);
    }
    return values;
  }

  function snapshot() {
    const now = new Map();
    for (const [name, value] of new FormData(form)) {
      if (typeof value !== "string") continue;
      const values = now.get(name);
      if (values) values.push(value); else now.set(name, [value]);
    }
    return now;
  }

  function changes(now) {
    const found = {};
    for (const [name, values] of now) {
      const before = sent.get(name);
      if (!before || before.length !== values.length || before.some((v, i) => v !== values[i])) {
        found[name] = values;
      }
    }
    for (const name of sent.keys()) if (!now.has(name)) found[name] = [];
    return found;
  }

  // data-gestart / data-versie on <body>: the last update started / shown, data-wacht: one is
  // due after a pause in typing (for the tests);
  // data-fasen: where the time of the last one went (ms).
  async function update(conditionsMs) {
    const mine = ++sequence;
    delete document.body.dataset.wacht;
    const started = changedAt || performance.now();
    document.body.dataset.gestart = String(mine);
    const collecting = performance.now();
    if (socket && socket.readyState === WebSocket.OPEN) {
      let message;
      if (sent === null || reshaped) {  // the whole form, or what differs from what was sent
        const now = snapshot();
        message = sent === null ? { n: mine, alles: true, velden: Object.fromEntries(now) }
          : { n: mine, velden: changes(now) };
        sent = now;
      } else {  // only the fields changed (nothing else was shown or hidden)
        const velden = {};
        for (const name of touched) {
          velden[name] = currentValues(name);
          if (velden[name].length) sent.set(name, velden[name]); else sent.delete(name);
        }
        message = { n: mine, velden };
      }
      reshaped = false;
      touched.clear();
      const text = JSON.stringify(message);
      clocks.set(mine, { started, conditionsMs, collectMs: performance.now() - collecting,
                         sentAt: performance.now(), bytes: text.length, route: "websocket" });
      socket.send(text);
      return;
    }
    const now = snapshot();
    reshaped = false;
    touched.clear();
    const body = new URLSearchParams([...now].flatMap(
      ([name, values]) => values.map((v) => [name, v])));
    clocks.set(mine, { started, conditionsMs, collectMs: performance.now() - collecting,
                       sentAt: performance.now(), bytes: String(body).length, route: "post" });
    const response = await fetch("/werkplek/bereken", { method: "POST", body });
    if (!response.ok) return;
    show(await response.json(), mine, performance.now());
  }

  // The result is drawn anew on each change; a panel the consultant opened or closed in it
  // (<details data-paneel="...">, "Wie doet wat, per activiteit") stays as she left it.
  function redraw(panel, html) {
    const open = new Map();
    for (const details of panel.querySelectorAll("details")) open.set(panelKey(details), details.open);
    panel.innerHTML = html;
    for (const details of panel.querySelectorAll("details")) {
      const key = panelKey(details);
      if (open.has(key)) details.open = open.get(key);
    }
  }
  function panelKey(details) {
    const summary = details.querySelector("summary");
    return details.dataset.paneel || (summary ? summary.textContent : "");
  }

  function show(result, mine, arrived) {
    const clock = clocks.get(mine);
    clocks.delete(mine);
    if (mine !== sequence || !clock) return;
    redraw(document.getElementById("uitkomst"), result.uitkomst);
    showRemarks(result.opmerkingen);
    // a question shown again: its answer (kept in the page) counts again, so once more
    const again = applyComputed(result.niet_van_toepassing);
    const done = performance.now();
    document.body.dataset.bijgewerktMs = String(done - clock.started);
    document.body.dataset.rekentijdMs = String(result.rekentijd_ms);
    document.body.dataset.verwerkingMs = String(result.verwerking_ms);
    document.body.dataset.fasen = JSON.stringify({
      route: clock.route, bytes: clock.bytes, voorwaarden: clock.conditionsMs,
      verzamelen: clock.collectMs, heen_en_terug: arrived - clock.sentAt,
      server: result.verwerking_ms, plaatsen: done - arrived, ...result.server_fasen });
    document.body.dataset.versie = String(mine);
    window.hbhLaatsteUitkomst = result;
    if (again) { changedAt = 0; update(0); }
  }

  // For the tests: the round trip of an empty message over the same connection, no computing.
  const pings = new Map();
  window.hbhPing = () => new Promise((resolve) => {
    if (!socket || socket.readyState !== WebSocket.OPEN) { resolve(null); return; }
    const number = -1 - pings.size;
    const start = performance.now();
    pings.set(number, () => { pings.delete(number); resolve(performance.now() - start); });
    socket.send(JSON.stringify({ n: number }));
  });

  // A question that only counts with a given answer beside it (data-alleen-als="NAME=VALUE",
  // "NAME=VALUE|OTHER|" for one of several answers, "" for none yet; several such rules
  // separated by ";": any of them) is shown only with that answer; a question the server
  // decides by the case model's rule (data-berekend="NAME") is hidden when its answer lists
  // it as not applicable. A hidden question's fields are disabled: not sent, not saved.
  let byControl = null;  // name of a deciding field -> the elements that depend on it
  let opening = null;  // the same for folded groups that open with an answer (data-open-als)
  function rules(element, text) {
    return (text === undefined ? element.dataset.alleenAls : text).split(";").map((rule) => {
      const split = rule.lastIndexOf("=");
      return [rule.slice(0, split), rule.slice(split + 1).split("|")];
    });
  }
  function index() {
    byControl = new Map();
    for (const element of form.querySelectorAll("[data-alleen-als]")) {
      for (const [name] of rules(element)) {
        if (!byControl.has(name)) byControl.set(name, []);
        byControl.get(name).push(element);
      }
    }
    opening = new Map();
    for (const element of form.querySelectorAll("details[data-open-als]")) {
      for (const [name] of rules(element, element.dataset.openAls)) {
        if (!opening.has(name)) opening.set(name, []);
        opening.get(name).push(element);
      }
    }
  }
  function unfold(name) {  // a folded group whose answer beside it asks for it opens
    for (const element of opening.get(name) || []) {
      if (rules(element, element.dataset.openAls).some(([n, answers]) => answers.includes(valueOf(n)))) {
        element.open = true;
      }
    }
  }
  function valueOf(name) {
    const control = form.elements.namedItem(name);
    return control && "value" in control ? control.value : "";
  }
  function decide(element) {
    const shown = rules(element).some(([name, answers]) => answers.includes(valueOf(name)));
    if (element.hidden === !shown) return false;
    element.hidden = !shown;
    return true;
  }
  function settle(elements) {  // the fields in (or under) what was shown or hidden
    for (const element of elements) {
      for (const control of element.querySelectorAll("input, select, textarea")) {
        if (control.type === "hidden") continue;
        control.disabled = control.closest("[data-alleen-als][hidden], [data-berekend][hidden]")
          !== null;
      }
    }
  }
  function applyConditions(name) {  // returns whether anything was shown or hidden
    if (byControl === null) index();
    const toggled = [];
    const elements = name === undefined ? form.querySelectorAll("[data-alleen-als]")
      : (byControl.get(name) || []);
    for (const element of elements) if (decide(element) || name === undefined) toggled.push(element);
    if (name !== undefined) unfold(name);
    if (name === undefined) toggled.push(...form.querySelectorAll("[data-berekend][hidden]"));
    settle(toggled);
    return toggled.length > 0;
  }
  function applyComputed(names) {
    const hide = new Set(names || []);
    const toggled = [];
    for (const element of form.querySelectorAll("[data-berekend]")) {
      const hidden = hide.has(element.dataset.berekend);
      if (element.hidden !== hidden) { element.hidden = hidden; toggled.push(element); }
    }
    settle(toggled);
    if (toggled.length) reshaped = true;
    return toggled.some((element) => !element.hidden);
  }

  function changed(event, delay) {
    changedAt = performance.now();
    const name = event.target.name;
    if (applyConditions(name) || !name) reshaped = true;
    else touched.add(name);
    const conditionsMs = performance.now() - changedAt;
    if (event.target.hasAttribute && event.target.hasAttribute("data-herbouw")) {
      rebuild(null);
      return;
    }
    clearTimeout(timer);
    if (delay === 0) update(conditionsMs);  // a choice made: at once; typing: after a pause
    else {
      document.body.dataset.wacht = "1";  // an update is due (for the tests)
      timer = setTimeout(() => update(conditionsMs), delay);
    }
  }

  // A change of shape (a row more or less, another norm set): the server renders the form again.
  async function rebuild(button) {
    const extra = button ? { name: button.name, value: button.value } : null;
    const response = await fetch("/", { method: "POST", body: body(extra) });
    if (!response.ok) return;
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const focus = document.activeElement && document.activeElement.id;
    form.replaceChildren(...page.getElementById("werkplek").childNodes);
    shownRemarks = null;
    byControl = null;
    applyConditions();
    reshaped = true;
    const again = focus && document.getElementById(focus);
    if (again) again.focus();
    else if (button && button.value.startsWith("erbij:")) {
      const list = "#v-" + button.value.slice(6).replaceAll(".", "-");
      const rows = form.querySelectorAll(list + " > .rij-item, " + list + " > .rijen > .rij-item");
      const first = rows.length && rows[rows.length - 1].querySelector("input, select, textarea");
      if (first) first.focus();
    }
    const shown = String(++sequence);
    document.body.dataset.gestart = shown;
    document.body.dataset.versie = shown;
    document.body.dataset.herbouwd = shown;
  }

  applyConditions();
  connect();
  form.addEventListener("change", (event) => changed(event, 0));
  form.addEventListener("input", (event) => {
    if (event.target.matches("input[type=text], input[type=number], textarea")) changed(event, 250);
  });
  form.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-herbouw]");
    if (!button) return;
    event.preventDefault();
    rebuild(button);
  });
})();
