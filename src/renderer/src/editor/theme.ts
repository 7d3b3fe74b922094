import type { EditorThemeClasses } from 'lexical'

export const editorTheme: EditorThemeClasses = {
  paragraph: 'ed-p',
  heading: {
    h1: 'ed-subhead',
    h2: 'ed-subhead',
    h3: 'ed-subhead',
    h4: 'ed-subhead',
    h5: 'ed-subhead',
    h6: 'ed-subhead',
  },
  quote: 'ed-quote',
  list: { ul: 'ed-ul', ol: 'ed-ol', listitem: 'ed-li', nested: { listitem: 'ed-li-nested' } },
  text: { bold: 'ed-bold', italic: 'ed-italic' },
  photo: 'ed-photo',
}
