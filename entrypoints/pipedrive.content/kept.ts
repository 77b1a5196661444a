import { keptSettings } from '@/lib/settings';

/** The rep's selector overrides (popup, advanced settings): every feature reads them when Pipedrive navigates. */
export const selectorOverridesNow = keptSettings().selectorOverrides;
