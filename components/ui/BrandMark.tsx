import { brandMarkPath } from './brand';

/** The product's mark and name, as drawn in the card and the home's top bar. */
export function BrandMark({ productName }: { productName: string }) {
  return (
    <div className="brand">
      <svg className="brand-logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <rect width="32" height="32" rx="8" />
        <path d={brandMarkPath} fill="none" strokeWidth="2.6" strokeLinecap="round" />
      </svg>
      <span className="brand-name">{productName}</span>
    </div>
  );
}
