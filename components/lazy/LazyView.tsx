import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { PanelViews, ViewLoader, ViewName, Views } from './views';

/**
 * For a button that opens a view: a pointer over it starts loading the views, so the click finds them (or nearly).
 * A failure here is not shown: the view shows it, with "Try again", when it is opened.
 */
export const preloadViews = (views: ViewLoader) => (): void => void views.load().catch(() => undefined);

export interface LazyViewProps<N extends ViewName> {
  views: ViewLoader;
  name: N;
  props: PanelViews[N];
}

/**
 * A view from the views script, drawn in place: at once when the script is already here, else as soon as it has
 * loaded (a few tens of ms, once per page). The view is drawn by the script's own Preact into an element of ours, and
 * drawn again with new props on every render of ours. If the script cannot be loaded, the rep reads so and may try
 * again or close (every view has `onClose`).
 */
export function LazyView<N extends ViewName>({ views: loader, name, props }: LazyViewProps<N>) {
  const [views, setViews] = useState<Views | undefined>(() => loader.loaded());
  const [failed, setFailed] = useState(false);
  const ref = useRef<HTMLDivElement>(null);

  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (views) return;
    let live = true;
    setFailed(false);
    loader.load().then(
      (loaded) => live && setViews(loaded),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [loader, attempt]);

  // Drawn in a layout effect: a view that moves the focus (the panel's close button) does so before the next paint.
  useLayoutEffect(() => {
    if (views && ref.current) views.render(ref.current, name, props);
  });
  useLayoutEffect(() => {
    const element = ref.current;
    return () => {
      if (views && element) views.unmount(element);
    };
  }, [views]);

  if (failed) {
    return (
      <div class="views-problem" role="alert">
        <p>{t('views_failed')}</p>
        <button type="button" onClick={() => setAttempt((n) => n + 1)}>{t('views_retry')}</button>
        <button type="button" onClick={props.onClose}>{t('views_close')}</button>
      </div>
    );
  }
  return <div ref={ref} class="lazy-view" data-view={name} aria-busy={views ? undefined : true} />;
}
