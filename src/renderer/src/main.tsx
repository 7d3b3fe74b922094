import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'
import { I18nProvider } from './app/i18n'
import { LibraryGate } from './features/library/LibraryGate'
import { TaggingProvider } from './editor/tagging/TaggingContext'
import './styles.css'

const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>
      <I18nProvider>
        <LibraryGate>
          <TaggingProvider>
            <App />
          </TaggingProvider>
        </LibraryGate>
      </I18nProvider>
    </StrictMode>,
  )
}
