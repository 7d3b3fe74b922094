/**
 * The word lists the detectors use, in one place so they can be read and extended. Lists are
 * space-separated strings; order does not matter (the detectors try longer words first).
 */

const words = (list: string): readonly string[] => list.trim().split(/\s+/)

// ——— Zones: where a place name begins (see places.ts) ———

/** Words that end a phrase before a place name; none of them is part of a place name. */
export const HARD_STOP_WORDS = words(`
  推动 推进 促进 加快 加强 打造 建设 建成 支持 助力 依托 位于 地处 落户 入驻 进驻 扎根 签约 落地
  走进 走访 来到 前往 深入 考察 调研 视察 参观 观摩 成立 设立 获批 批准 同意 升级 申报 申建 创建
  争创 包括 包含 涵盖 比如 例如 作为 成为 举行 召开 举办 发布 印发 出台 介绍 了解 表示 指出 认为
  显示 实现 形成 聚焦 围绕 立足 坚持 发挥 带动 引领 联合 携手 牵头 组织 服务 投资 落实 实施 开展
  推广 入选 跻身 荣获 获得 获评 评为 列入 纳入 管理 所在 发展 建立 组建 拥有 共有 新增 新设 整合
  合并 优化 提升 做强 做大 壮大 培育 引进 吸引 集聚 聚集 对接 合作 共建 参与 参加 主持 出席 陪同
  带领 率领 检查 督导 督查 指导 听取 汇报 部署 强调 要求 鼓励 认定 公布 表彰 通报 关于 对于 针对
  根据 按照 依据 通过 经过 随着 面向 瞄准 借助 利用 抢抓 抓住 进入 走出 来自 属于 设在 设于 落在
  访问 考核 评估 评价 简称 统称 合称 又称 下称 称为 名为
  全力 大力 着力 努力 积极 持续 不断 进一步 加速 全面 切实 扎实 稳步 有序 正在 已经 目前 当前
  近年来 今年 去年 年初 年底 此前 日前 近日 以来 期间 同时 此外 另外 据悉 其中 以及 还有
  全省 全市 全县 全区 全国 全部 所有 我省 我市 我县 我区 本省 本市 本县 本区 省内 市内 县内 区内
  国内 各个 各类 各地 其他 其它 相关 部分 多个 若干 一批 首批 新批 重点 现有 这个 那个 这些 那些
  此次 本次 省级 市级 县级 国家级
`)

/** Single characters that never occur in a place name. */
export const HARD_STOP_CHARS = '的了是在着过被把对往去赴及跟由使给到至以并或等也还就已又再好要能该这此其每各'

/**
 * Single characters that usually end a phrase but begin some place names (和顺, 大同, 无为,
 * 自贡, 于都, 成都, 应县, 本溪, 即墨, 从化, 向阳, 那曲, 来宾): they only end the place when
 * at least two characters remain for it.
 */
export const SOFT_STOP_CHARS = '和与同为将自于都会可应本个经随当即从向那来'

/**
 * A place ending in one of these is a category, not a name: 农业类开发区, 新时期农高区,
 * 十大开发区, 中西部开发区, 县域经济开发区, 城市开发区, 产业开发区, 湾区开发区, 绿色工业园区,
 * 高铁新区; so is a region across provinces or cities (成渝开发区, 长三角开发区).
 */
export const GENERIC_TAILS = words(`
  类 型 级 性 批 家 个 座 所 些 大 内 外 部 域 时期 地区 特色 专业 新兴 传统 沿海 周边 新型 现代
  农村 城市 城乡 产业 工业 农业 科技 旅游 物流 园区 城区 湾区 绿色 生态 低碳 智慧 数字 高铁 行政
  成渝 京津冀 长三角 珠三角 粤港澳 大湾区 关中 中原 东北 西北 西南 华北 华东 华南 华中
  皖江 皖北 皖南 苏南 苏北 苏中 沿边 沿江 沿黄 沿线 陕南 陕北 粤东 粤西 粤北 浙南 浙北 闽南 闽西 闽东
  豫东 豫西 鲁南 鲁北 晋南 晋北 晋中南 冀中南 黔中 滇中南 北部湾 环渤海
  核心 中心 重点 老城 主城 新城 先行 启动 联动 协同 小镇 乡镇 城镇 集镇 村镇
`)

/** Administrative endings that may follow a known place inside a place chain (晋城市). */
export const ADMIN_ENDINGS = '省市县区州旗盟'

/** Provinces, municipalities and autonomous regions (行政区划), full names. */
export const PROVINCES = words(`
  北京市 天津市 上海市 重庆市 河北省 山西省 辽宁省 吉林省 黑龙江省 江苏省 浙江省 安徽省 福建省
  江西省 山东省 河南省 湖北省 湖南省 广东省 海南省 四川省 贵州省 云南省 陕西省 甘肃省 青海省 台湾省
  内蒙古自治区 广西壮族自治区 西藏自治区 宁夏回族自治区 新疆维吾尔自治区 香港特别行政区 澳门特别行政区
`)

// ——— Figures (see figures.ts) ———

/** Units of measure: currencies, shares, mass, length, area, volume, energy, power … */
export const MEASURE_UNITS = words(`
  元 美元 欧元 日元 港元 港币 澳门元 澳元 新台币 新加坡元 卢布 韩元 英镑 美金 人民币
  % ％ ‰ 个百分点 百分点 倍
  吨 千克 公斤 克 斤
  公里 千米 米 厘米 毫米 纳米
  平方公里 平方千米 平方米 平米 公顷 亩
  立方米 升 毫升
  千瓦时 兆瓦时 度 千瓦 兆瓦 吉瓦 瓦 千伏 伏
  像素 标准箱 标箱 岁 吨公里 人公里
`)

/** Latin units; they must not run on into more letters (5G is no unit, 1GWh is). */
export const LATIN_UNITS = words('kWh MWh GWh TWh kW MW GW kV km ml mL TEU')

/** Counters (量词) for things counted. */
export const COUNTERS = words(`
  家 项 个 条 人 人次 车次 架次 辆次 艘次 台套 台次 名 位 户 座 列 辆 台 套 架 艘 件 次 场 所 栋 张 种 款
  只 头 株 处 篇 册 份 趟 片 块 单 票 批 部
`)

/**
 * Counters that begin a word with the character after them: 3部门, 5部委, 两部分 are departments
 * and parts, not 部 of documents or films (出台政策文件12部).
 */
export const COUNTER_WORD_STARTS: Readonly<Record<string, string>> = { 部: '门委署长分位队落级属首' }

/** What may follow a unit after a slash: 元/吨, 元/千瓦时. */
export const PER_UNITS = words('千瓦时 平方米 千克 公斤 吨 亩 度 人 年 月 天 日 小时 件 台')

/** The only units a single-character Chinese numeral is a statistic with (两个百分点, 一倍). */
export const SINGLE_NUMERAL_UNITS = words('个百分点 百分点 倍')

export const QUALIFIERS_BEFORE = words(
  '大约 约合 约 将近 接近 近 逾 超过 超 高达 多达 突破 不足 不到 不少于 至少 最高 最多 最低 最少',
)
export const QUALIFIERS_AFTER = words('以上 左右 以下 以内 上下 有余')
export const QUALIFIERS_INNER = words('多 余')
