import { useState } from "preact/hooks";
import { t } from "../../lib/i18n.ts";
import type { MessageKey } from "../../messages/en.ts";
import { ScreenHeading } from "../../ui/screen_heading.tsx";
import type { PinProblem } from "./flow.ts";
import type { CustomerModel } from "./model.ts";

const PROBLEM_TEXT: Record<PinProblem, MessageKey> = {
  invalid: "customer.pin.invalid",
  notFound: "customer.pin.notFound",
  throttled: "customer.pin.throttled",
  network: "error.network",
  generic: "error.generic",
};

/** The PIN form: the way in without a link, and where a link that cannot be used lands. */
export function PinScreen(
  { model, problem, retryAfter }: { model: CustomerModel; problem?: PinProblem; retryAfter?: number },
) {
  const [value, setValue] = useState("");
  // The error is about what was sent; it goes as soon as the customer types again.
  const [edited, setEdited] = useState(false);
  if (edited) problem = undefined;
  return (
    <form
      class="stack"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setEdited(false);
        void model.submitPin(value);
      }}
    >
      <ScreenHeading>{t("customer.pin.title")}</ScreenHeading>
      <p>{t("customer.pin.intro")}</p>
      <label class="field">
        <span>{t("customer.pin.label")}</span>
        <input
          class="pin-input"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]*"
          maxLength={7}
          value={value}
          aria-invalid={problem ? "true" : undefined}
          aria-describedby={problem ? "pin-error" : undefined}
          onInput={(e) => {
            setEdited(true);
            setValue((e.currentTarget as HTMLInputElement).value.replace(/[^\d ]/g, ""));
          }}
        />
      </label>
      {problem && (
        <p id="pin-error" class="alert" role="alert">{t(PROBLEM_TEXT[problem], { seconds: retryAfter ?? 60 })}</p>
      )}
      <button type="submit" class="primary">{t("customer.pin.connect")}</button>
    </form>
  );
}
