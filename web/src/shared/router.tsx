import { type AnchorHTMLAttributes, type MouseEvent, useEffect, useState } from 'react';

/** Path routing with the History API: each page has a real URL a user can share or open in a new tab. */
export function usePathname(): string {
  const [pathname, setPathname] = useState(location.pathname);
  useEffect(() => {
    const update = () => setPathname(location.pathname);
    addEventListener('popstate', update);
    addEventListener('closeloop:navigate', update);
    return () => {
      removeEventListener('popstate', update);
      removeEventListener('closeloop:navigate', update);
    };
  }, []);
  return pathname;
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  dispatchEvent(new Event('closeloop:navigate'));
  scrollTo(0, 0);
}

/** An ordinary link (opens in a new tab with a modifier or middle click), moved in-page otherwise. */
export function Link({ to, ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    rest.onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a {...rest} href={to} onClick={onClick} />;
}
