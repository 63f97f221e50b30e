import { createRoot } from 'react-dom/client';
import '../styles/base.css';
import './display.css';
import { getBridge } from '../bridge';
import { DisplayApp } from './DisplayApp';

const root = document.getElementById('root');
if (root) createRoot(root).render(<DisplayApp bridge={getBridge('display')} />);
