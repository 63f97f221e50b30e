import { createRoot } from 'react-dom/client';
import '../styles/base.css';
import './display.css';
import { getBridge } from '../bridge';
import { DisplayApp } from './DisplayApp';

const root = document.getElementById('root');
if (root) {
  const bridge = getBridge('display');
  createRoot(root).render(<DisplayApp bridge={bridge} />);
}
