// hbh werkplek: each change is sent to /werkplek/bereken and only the result beside the form
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

  // data-gestart / data-versie on <body>: the last update started / shown (for the tests).
  async function update() {
    const mine = ++sequence;
    const started = changedAt || performance.now();
    document.body.dataset.gestart = String(mine);
    const response = await fetch("/werkplek/bereken", { method: "POST", body: body() });
    if (!response.ok || mine !== sequence) return;
    const result = await response.json();
    document.getElementById("uitkomst").innerHTML = result.uitkomst;
    showRemarks(result.opmerkingen);
    document.body.dataset.bijgewerktMs = String(performance.now() - started);
    document.body.dataset.rekentijdMs = String(result.rekentijd_ms);
    document.body.dataset.verwerkingMs = String(result.verwerking_ms);
    document.body.dataset.versie = String(mine);
    window.hbhLaatsteUitkomst = result;
  }

  // A question that only counts with a given answer beside it (data-alleen-als="NAME=VALUE",
  // or "NAME=VALUE|OTHER|" for one of several answers, "" for none yet) is shown only with that
  // answer; with another answer the server leaves it out of the case.
  function applyConditions() {
    for (const element of form.querySelectorAll("[data-alleen-als]")) {
      const rule = element.dataset.alleenAls;
      const split = rule.lastIndexOf("=");
      const control = form.elements.namedItem(rule.slice(0, split));
      const value = control && "value" in control ? control.value : "";
      element.hidden = !rule.slice(split + 1).split("|").includes(value);
    }
  }

  function changed(event, delay) {
    changedAt = performance.now();
    applyConditions();
    if (event.target.hasAttribute && event.target.hasAttribute("data-herbouw")) {
      rebuild(null);
      return;
    }
    clearTimeout(timer);
    if (delay === 0) update();  // a choice made: at once; typing: after a pause
    else timer = setTimeout(update, delay);
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
    applyConditions();
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
