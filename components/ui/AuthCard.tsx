import type { ReactNode } from 'react';
import { BrandMark } from './BrandMark';

/** The centred card every signed-out step sits in. */
export function AuthCard({ productName, children }: { productName: string; children: ReactNode }) {
  return (
    <main className="auth">
      <div className="auth-card">
        <BrandMark productName={productName} />
        {children}
      </div>
    </main>
  );
}
