import type { ComponentChildren } from "preact";
import { t } from "../../lib/i18n.ts";
import { LangSwitch } from "../../ui/lang_switch.tsx";

/** The page around sign-in and set-password: brand, language switch, one card. */
export function AuthPage(props: { children: ComponentChildren }) {
  return (
    <main class="signin">
      <div class="signin-head">
        <span class="brand">{t("app.name")}</span>
        <LangSwitch />
      </div>
      {props.children}
    </main>
  );
}
