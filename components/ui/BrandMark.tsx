/** The product's mark and name, as drawn in the card and the home's top bar. */
export function BrandMark({ productName }: { productName: string }) {
  return (
    <div className="brand">
      <svg className="brand-logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <rect width="32" height="32" rx="8" />
        <path
          d="M9 21.5c4-1 6.5-4.5 7-11 .5 6.5 3 10 7 11"
          fill="none"
          strokeWidth="2.6"
          strokeLinecap="round"
        />
      </svg>
      <span className="brand-name">{productName}</span>
    </div>
  );
}
