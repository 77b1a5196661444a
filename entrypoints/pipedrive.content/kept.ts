import { checkedSelectorOverrides, keptValue, settings } from '@/lib/settings';

/** The rep's selector overrides (popup, advanced settings): every feature reads them when Pipedrive navigates. */
const keptOverrides = keptValue(settings.selectorOverrides);
export const selectorOverridesNow = async () => checkedSelectorOverrides(await keptOverrides());
