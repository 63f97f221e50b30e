import { createRoot } from 'react-dom/client';

function Display() {
  return <main>Customer display</main>;
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<Display />);
