/**
 * The baseline of bench/typing.bench.ts: a bare Lexical editor (LexicalComposer, RichTextPlugin,
 * HistoryPlugin) from the lexical version Folio uses, holding the body the bench passes in the
 * URL's #body=<name> (fetched from the bench's server as Lexical JSON).
 */
import { LexicalComposer } from '@lexical/react/LexicalComposer'
import { ContentEditable } from '@lexical/react/LexicalContentEditable'
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary'
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin'
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin'
import { createRoot } from 'react-dom/client'

async function main(): Promise<void> {
  const name = /body=([\w-]+)/.exec(location.hash)?.[1] ?? 'empty'
  const body = await (await fetch(`./${name}.json`)).text()
  const root = document.getElementById('root')
  if (!root) return
  createRoot(root).render(
    <LexicalComposer
      initialConfig={{
        namespace: 'bare',
        theme: { paragraph: 'p' },
        editorState: body,
        onError: (error) => console.error(error),
      }}
    >
      <RichTextPlugin
        contentEditable={<ContentEditable className="editable" data-testid="bare-body" />}
        placeholder={null}
        ErrorBoundary={LexicalErrorBoundary}
      />
      <HistoryPlugin />
    </LexicalComposer>,
  )
}

void main()
