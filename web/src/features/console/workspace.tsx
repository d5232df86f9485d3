import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { t } from "../../lib/i18n.ts";
import { LangSwitch } from "../../ui/lang_switch.tsx";
import { UpdatePrompt } from "../../ui/pwa_prompts.tsx";
import { ActiveSessionView } from "./active_session_view.tsx";
import type { ConsoleModel, ConsoleTab } from "./model.ts";
import { NewSessionDialog } from "./new_session_dialog.tsx";
import { NotifyControl } from "./notify_control.tsx";
import { SessionDetail } from "./session_detail.tsx";
import { SessionListPanel } from "./session_list_panel.tsx";
import { SoundToggle, WaitingAlert } from "./waiting_alert.tsx";

/** One of the workspace's tabs, controlling its panel. */
function Tab({ id, model, children }: { id: ConsoleTab; model: ConsoleModel; children: ComponentChildren }) {
  return (
    <button
      type="button"
      role="tab"
      id={`tab-${id}`}
      aria-controls={`panel-${id}`}
      aria-selected={model.tab.value === id}
      onClick={() => model.showTab(id)}
    >
      {children}
    </button>
  );
}

/** The signed-in console: header, the Sessions and Active session tabs, the New session dialog. */
export function Workspace({ model }: { model: ConsoleModel }) {
  const [dialogOpen, setDialogOpen] = useState(false);
  const active = model.live.active.value;
  const tab = model.tab.value;
  return (
    <div class="console">
      <header class="topbar">
        <span class="brand">{t("app.name")}</span>
        <span class="who">{model.signIn.me.value?.name}</span>
        <LangSwitch />
        <button type="button" onClick={() => void model.signIn.signOut()}>{t("console.signout")}</button>
      </header>
      {!active && <UpdatePrompt />}
      <div role="tablist" class="tabs" aria-label={t("app.name")}>
        <Tab id="sessions" model={model}>{t("console.sessions")}</Tab>
        {active && (
          <Tab id="active" model={model}>
            <span>{t("console.active")}</span>
            <span class="tab-sub">{active.name}</span>
          </Tab>
        )}
      </div>
      <main>
        <section id="panel-sessions" role="tabpanel" aria-labelledby="tab-sessions" hidden={tab !== "sessions"}>
          <div role="toolbar" class="toolbar" aria-label={t("console.toolbar")}>
            <button type="button" class="primary" onClick={() => setDialogOpen(true)}>{t("console.new")}</button>
            <NotifyControl list={model.list} />
            <SoundToggle list={model.list} />
          </div>
          <WaitingAlert list={model.list} />
          {!model.list.online.value && <p class="banner" role="status">{t("console.sessions.offline")}</p>}
          <div class="split">
            <SessionListPanel list={model.list} />
            <SessionDetail model={model} />
          </div>
        </section>
        {active && (
          <section id="panel-active" role="tabpanel" aria-labelledby="tab-active" hidden={tab !== "active"}>
            <ActiveSessionView model={model} />
          </section>
        )}
      </main>
      {dialogOpen && <NewSessionDialog model={model} onClose={() => setDialogOpen(false)} />}
    </div>
  );
}
