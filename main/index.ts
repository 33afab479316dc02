// Entry of the main bundle (dist/main/index.cjs).
import path from 'node:path';
import { startApp } from './app/main.js';

startApp({
  distDir: path.resolve(__dirname, '..'),
  development: process.env.NODE_ENV === 'development',
});
