/** The zone registry as detector data, shared by every open editor and refreshed after registry edits. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import { loadGazetteer, type Gazetteer, type GazetteerData } from '@shared/tagging'
import { call } from '../../api'
import { useLive } from '../../app/live'

interface Tagging {
  gazetteer: Gazetteer | null
  data: GazetteerData | null
  refresh(): Promise<void>
}

const TaggingContext = createContext<Tagging>({ gazetteer: null, data: null, refresh: async () => {} })

export function TaggingProvider({ children }: { children: ReactNode }) {
  const [data, setData] = useState<GazetteerData | null>(null)
  const refresh = useCallback(async () => {
    setData(await call('zone.gazetteer', {}))
  }, [])
  useEffect(() => {
    call('zone.gazetteer', {})
      .then(setData)
      .catch((error: unknown) => console.error(error))
  }, [])
  // push channel (h2): a registry edit in another window reaches this window's suggestions too.
  useLive({ topics: ['zones'] }, () => void refresh().catch((error: unknown) => console.error(error)), {
    skipOwn: true,
  })
  const value = useMemo(() => ({ data, gazetteer: data ? loadGazetteer(data) : null, refresh }), [data, refresh])
  return <TaggingContext.Provider value={value}>{children}</TaggingContext.Provider>
}

export function useTagging(): Tagging {
  return useContext(TaggingContext)
}
