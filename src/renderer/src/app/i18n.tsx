import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'

export type Lang = 'zh' | 'en'

const zh = {
  'app.name': 'Folio 编辑台',
  'lang.switch': 'English',
  'issues.title': '期次',
  'issues.new': '新建期次',
  'issues.empty': '还没有期次。点击「新建期次」开始。',
  'issues.edit': '期次信息',
  'issues.delete': '删除期次',
  'issues.deleteConfirm': '删除期次《{title}》？本期 {count} 篇稿件将一并移入回收站。',
  'issues.articles': '{count} 篇',
  'issue.title': '刊名',
  'issue.edition': '专刊',
  'issue.number': '期号',
  'issue.publicationDate': '出版日期',
  'issue.guidance': '指导单位',
  'issue.publisher': '主办单位',
  'issue.postalCode': '邮发代号',
  'issue.email': '投稿邮箱',
  'issue.status': '状态',
  'issue.status.planning': '策划中',
  'issue.status.editing': '编辑中',
  'issue.status.proofing': '校对中',
  'issue.status.signed': '已签发',
  'issue.status.published': '已出版',
  'articles.title': '本期稿件',
  'articles.new': '新建稿件',
  'articles.empty': '本期还没有稿件。',
  'articles.noIssue': '请先在左侧选择或新建一期。',
  'articles.untitled': '（无标题）',
  'articles.delete': '删除稿件',
  'articles.deleteConfirm': '删除稿件《{title}》？可在提示中撤销。',
  'articles.deleted': '已删除《{title}》',
  'articles.undo': '撤销',
  'articles.moveHint': 'Alt+↑/↓ 调整顺序，拖动亦可',
  'articles.chars': '{count} 字',
  'article.status.draft': '草稿',
  'article.status.editing': '编辑中',
  'article.status.review': '待审',
  'article.status.approved': '已审',
  'editor.none': '选择一篇稿件开始编辑。',
  'editor.kicker': '引题',
  'editor.headline': '主题',
  'editor.subtitle': '副题',
  'editor.dateline': '电头',
  'editor.byline': '署名',
  'editor.body': '正文',
  'editor.placeholder': '在此输入正文……',
  'editor.paragraph': '正文',
  'editor.subhead': '小标题',
  'editor.quote': '引文',
  'editor.bold': '加粗',
  'editor.italic': '倾斜',
  'editor.bullet': '项目列表',
  'editor.numbered': '编号列表',
  'editor.undo': '撤销',
  'editor.redo': '重做',
  'editor.chars': '字数 {chars}',
  'editor.punct': '标点 {punct}',
  'editor.status': '稿件状态',
  'save.saved': '已保存',
  'save.saving': '保存中…',
  'save.dirty': '待保存',
  'save.error': '保存失败',
  'revisions.title': '历史版本',
  'revisions.none': '还没有历史版本。按 Ctrl+S 可随时留存一版。',
  'revisions.restore': '恢复此版本',
  'revisions.reason.autosave': '自动留存',
  'revisions.reason.save': '手动保存',
  'revisions.reason.status': '状态变更',
  'revisions.reason.restore': '恢复前留存',
  'revisions.reason.create': '新建',
  'common.save': '保存',
  'common.cancel': '取消',
  'common.create': '创建',
  'common.delete': '删除',
  'common.close': '关闭',
}

export type MessageKey = keyof typeof zh

const en: Record<MessageKey, string> = {
  'app.name': 'Folio Workbench',
  'lang.switch': '中文',
  'issues.title': 'Issues',
  'issues.new': 'New issue',
  'issues.empty': 'No issues yet. Click “New issue” to start.',
  'issues.edit': 'Issue details',
  'issues.delete': 'Delete issue',
  'issues.deleteConfirm': 'Delete issue “{title}”? Its {count} articles move to the trash too.',
  'issues.articles': 'Articles: {count}',
  'issue.title': 'Title',
  'issue.edition': 'Edition',
  'issue.number': 'Issue number',
  'issue.publicationDate': 'Publication date',
  'issue.guidance': 'Guided by',
  'issue.publisher': 'Published by',
  'issue.postalCode': 'Postal code',
  'issue.email': 'Submission e-mail',
  'issue.status': 'Status',
  'issue.status.planning': 'Planning',
  'issue.status.editing': 'Editing',
  'issue.status.proofing': 'Proofing',
  'issue.status.signed': 'Signed off',
  'issue.status.published': 'Published',
  'articles.title': 'Articles',
  'articles.new': 'New article',
  'articles.empty': 'No articles in this issue yet.',
  'articles.noIssue': 'Select or create an issue first.',
  'articles.untitled': '(untitled)',
  'articles.delete': 'Delete article',
  'articles.deleteConfirm': 'Delete “{title}”? You can undo this.',
  'articles.deleted': 'Deleted “{title}”',
  'articles.undo': 'Undo',
  'articles.moveHint': 'Alt+↑/↓ or drag to reorder',
  'articles.chars': '{count} chars',
  'article.status.draft': 'Draft',
  'article.status.editing': 'Editing',
  'article.status.review': 'In review',
  'article.status.approved': 'Approved',
  'editor.none': 'Pick an article to edit.',
  'editor.kicker': 'Kicker',
  'editor.headline': 'Headline',
  'editor.subtitle': 'Subtitle',
  'editor.dateline': 'Dateline',
  'editor.byline': 'Byline',
  'editor.body': 'Body',
  'editor.placeholder': 'Type the body here…',
  'editor.paragraph': 'Paragraph',
  'editor.subhead': 'Subhead',
  'editor.quote': 'Quote',
  'editor.bold': 'Bold',
  'editor.italic': 'Italic',
  'editor.bullet': 'Bulleted list',
  'editor.numbered': 'Numbered list',
  'editor.undo': 'Undo',
  'editor.redo': 'Redo',
  'editor.chars': '{chars} chars',
  'editor.punct': '{punct} punct.',
  'editor.status': 'Article status',
  'save.saved': 'Saved',
  'save.saving': 'Saving…',
  'save.dirty': 'Unsaved',
  'save.error': 'Save failed',
  'revisions.title': 'History',
  'revisions.none': 'No earlier versions yet. Ctrl+S keeps one at any time.',
  'revisions.restore': 'Restore this version',
  'revisions.reason.autosave': 'Automatic',
  'revisions.reason.save': 'Saved',
  'revisions.reason.status': 'Status change',
  'revisions.reason.restore': 'Before restore',
  'revisions.reason.create': 'Created',
  'common.save': 'Save',
  'common.cancel': 'Cancel',
  'common.create': 'Create',
  'common.delete': 'Delete',
  'common.close': 'Close',
}

const DICTS: Record<Lang, Record<MessageKey, string>> = { zh, en }
const LANG_KEY = 'folio.lang'

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string

interface I18n {
  lang: Lang
  setLang(lang: Lang): void
  t: Translate
}

const I18nContext = createContext<I18n | null>(null)

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh'))
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en'
  }, [lang])
  const value = useMemo<I18n>(() => {
    const dict = DICTS[lang]
    return {
      lang,
      setLang(next) {
        localStorage.setItem(LANG_KEY, next)
        setLangState(next)
      },
      t: (key, vars) => dict[key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars?.[name] ?? '')),
    }
  }, [lang])
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}

export function useI18n(): I18n {
  const value = useContext(I18nContext)
  if (!value) throw new Error('useI18n outside I18nProvider')
  return value
}
