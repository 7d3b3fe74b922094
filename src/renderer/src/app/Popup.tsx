import type { HTMLAttributes, ReactNode } from 'react'

/**
 * What opens out of a bar (the search results, the member menu): shown in the top layer as a
 * manual popover, placed under its anchor by CSS anchor positioning (`anchor-name` on the anchor,
 * `position-anchor` on the popup, see styles.css). In the top layer it is painted above the page
 * and is never clipped by its bar, so the bar itself can be a containment boundary that typing in
 * the editor never lays out or repaints. It opens when it mounts and closes when it unmounts;
 * what closes it (Esc, a click elsewhere) stays with its owner.
 */
export function Popup({ children, className, ...rest }: HTMLAttributes<HTMLDivElement> & { children: ReactNode }) {
  return (
    <div
      {...rest}
      className={`popup ${className ?? ''}`}
      popover="manual"
      ref={(el) => {
        if (el?.isConnected && !el.matches(':popover-open')) el.showPopover()
      }}
    >
      {children}
    </div>
  )
}
