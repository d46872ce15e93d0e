#!/usr/bin/env python3
"""Writes Plugins/Extract/Data/gazetteer.tsv and given-names.txt: the extract stage's built-in
name lists (the EmbedData build plugin turns them into Swift).

usage: python3 Benchmarks/tools/make_gazetteer.py [ISO_CODES_JSON_DIR]   (default /usr/share/iso-codes/json)

Sources:
- countries (ISO 3166-1 names, common and official names) and first-level subdivisions
  (ISO 3166-2: states, provinces, regions, counties, ...) from Debian's iso-codes package
  (`apt-get install iso-codes`), LGPL-2.1-or-later; only the English names are taken.
- everything else below (country aliases, cities, nationalities, organisations, given names,
  cue words) is written by the pipe authors for this file.

The output is deterministic (sorted): one "name<TAB>type" line per entry, one given name per line.
"""
import json
import os
import sys
import unicodedata

ISO = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/iso-codes/json"
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "Plugins", "Extract", "Data")

# Aliases of countries as newsrooms write them: alias -> canonical ISO name (common name).
COUNTRY_ALIASES = {
    "US": "United States", "U.S.": "United States", "U. S.": "United States", "U. S": "United States", "USA": "United States", "U.S.A.": "United States",
    "America": "United States", "United States of America": "United States",
    "UK": "United Kingdom", "U.K.": "United Kingdom", "Britain": "United Kingdom",
    "Great Britain": "United Kingdom", "Russia": "Russian Federation", "Vietnam": "Viet Nam",
    "Syria": "Syrian Arab Republic", "Laos": "Lao People's Democratic Republic",
    "North Korea": "Korea, Democratic People's Republic of", "Czech Republic": "Czechia",
    "Ivory Coast": "Côte d'Ivoire", "Turkey": "Türkiye", "Holland": "Netherlands",
    "the Netherlands": "Netherlands", "UAE": "United Arab Emirates", "Burma": "Myanmar",
    "DRC": "Congo, The Democratic Republic of the", "Congo": "Congo", "Palestine": "Palestine, State of",
    "Macedonia": "North Macedonia", "Swaziland": "Eswatini", "Cape Verde": "Cabo Verde",
    "East Timor": "Timor-Leste", "Vatican": "Holy See (Vatican City State)", "Brunei": "Brunei Darussalam",
    "PRC": "China", "Mainland China": "China", "Hong Kong": "Hong Kong", "Macau": "Macao",
}

# Places that are not countries or first-level subdivisions: cities, regions, seas, continents.
PLACES = """
Abidjan Abu_Dhabi Accra Addis_Ababa Adelaide Aleppo Alexandria Algiers Almaty Amman Amsterdam Ankara
Antwerp Athens Atlanta Auckland Austin Baghdad Baku Bali Baltimore Bamako Bangalore Bengaluru Bangkok
Barcelona Basra Beijing Beirut Belfast Belgrade Benghazi Berlin Bern Birmingham Bogota Bombay Bonn
Bordeaux Boston Brasilia Bratislava Brisbane Bristol Brussels Bucharest Budapest Buenos_Aires Cairo
Calcutta Kolkata Calgary Canberra Cape_Town Caracas Cardiff Casablanca Chennai Chicago Chongqing
Copenhagen Dakar Dallas Damascus Dar_es_Salaam Delhi New_Delhi Denver Detroit Dhaka Doha Dubai Dublin
Durban Edinburgh Frankfurt Fukushima Gaza Geneva Glasgow Gothenburg Guangzhou Hamburg Hanoi Harare
Havana Helsinki Hiroshima Ho_Chi_Minh_City Honolulu Houston Hyderabad Islamabad Istanbul Jakarta
Jeddah Jerusalem Johannesburg Kabul Kampala Kandahar Karachi Kathmandu Khartoum Kiev Kyiv Kigali
Kinshasa Kobe Kuala_Lumpur Kuwait_City Kyoto Lagos Lahore Las_Vegas Leeds Lhasa Lima Lisbon Liverpool
London Los_Angeles Luanda Lusaka Lyon Madrid Manchester Manila Marseille Mecca Medina Melbourne Miami
Milan Minsk Mogadishu Mombasa Monrovia Montreal Moscow Mosul Mumbai Munich Nagasaki Nairobi Nanjing
Naples Nashville New_Orleans New_York New_York_City Nice Oakland Odessa Osaka Oslo Ottawa Oxford Paris
Perth Philadelphia Phnom_Penh Phoenix Pittsburgh Port-au-Prince Portland Prague Pretoria Pyongyang
Quebec Quito Rabat Rangoon Yangon Riga Rio_de_Janeiro Riyadh Rome Rotterdam Saigon San_Diego
San_Francisco San_Jose Santiago Sao_Paulo São_Paulo Sarajevo Seattle Seoul Shanghai Shenzhen
Silicon_Valley Singapore Sofia St_Petersburg Stockholm Stuttgart Sydney Taipei Tallinn Tashkent Tbilisi
Tehran Tel_Aviv Tianjin Tokyo Toronto Tripoli Tunis Turin Vancouver Venice Vienna Vilnius Warsaw
Washington Wellington Wuhan Yokohama Zagreb Zurich Hollywood Manhattan Brooklyn Wall_Street
Westminster Whitehall Downing_Street Kremlin Pentagon Gulf Persian_Gulf Middle_East Far_East
Africa Asia Europe Antarctica Australia North_America South_America Latin_America Central_Asia
Southeast_Asia South_Asia East_Asia Sub-Saharan_Africa West_Africa East_Africa Horn_of_Africa
Balkans Caribbean Scandinavia Mediterranean Atlantic Pacific Indian_Ocean Arctic Baltic Sahara
Sahel Himalayas Alps Amazon Nile Red_Sea Black_Sea South_China_Sea Taiwan_Strait Korean_Peninsula
Crimea Donbas Kashmir Tibet Xinjiang Darfur Gaza_Strip West_Bank Golan_Heights Sinai Kurdistan
Chechnya Siberia Punjab Bengal Catalonia Bavaria Scotland Wales England Northern_Ireland Ulster
Texas California Florida Hawaii Alaska Ohio Iowa Virginia Midwest Silicon_Valley Wall_Street
""".split()

# Nationalities, religions and other group names: the scorers' NORP, typed misc.
NATIONALITIES = """
Afghan African Albanian Algerian American Americans Angolan Arab Arabs Arabic Argentine Argentinian
Armenian Asian Australian Austrian Azerbaijani Bahraini Bangladeshi Belarusian Belgian Bolivian
Bosnian Brazilian British Briton Britons Bulgarian Burmese Burundian Cambodian Cameroonian Canadian
Catholic Catholics Chadian Chilean Chinese Christian Christians Colombian Congolese Croatian Cuban
Cypriot Czech Danish Dutch Ecuadorian Egyptian Emirati English Eritrean Estonian Ethiopian European
Europeans Filipino Finnish French Georgian German Germans Ghanaian Greek Guatemalan Haitian Hindu
Hindus Honduran Hungarian Icelandic Indian Indians Indonesian Iranian Iraqi Irish Islamic Israeli
Israelis Italian Ivorian Jamaican Japanese Jewish Jews Jordanian Kazakh Kenyan Korean Kurdish Kurds
Kuwaiti Kyrgyz Lao Latvian Lebanese Liberian Libyan Lithuanian Malagasy Malawian Malaysian Malian
Maltese Mexican Moldovan Mongolian Moroccan Mozambican Muslim Muslims Namibian Nepalese Nepali New_Zealander
Nicaraguan Nigerian Nigerien North_Korean Norwegian Omani Pakistani Palestinian Palestinians Panamanian
Paraguayan Persian Peruvian Polish Portuguese Protestant Qatari Romanian Russian Russians Rwandan Saudi
Scottish Senegalese Serbian Shia Shiite Sikh Singaporean Slovak Slovenian Somali South_African
South_Korean South_Sudanese Spanish Sri_Lankan Sudanese Sunni Swedish Swiss Syrian Taiwanese Tajik
Tanzanian Thai Tibetan Togolese Tunisian Turkish Turkmen Ugandan Ukrainian Uzbek Venezuelan
Vietnamese Welsh Western Yemeni Zambian Zimbabwean Uyghur Uighur Hispanic Latino Buddhist Buddhists
Republican Republicans Democrat Democrats Democratic Conservative Conservatives Labour Tory Tories
Islamist Islamists Maoist Maoists Soviet Communist Communists Sinhalese Tamil Tamils Hutu Tutsi Pashtun
Baloch Zulu Xhosa Yoruba Igbo Hausa Maasai Berber Bedouin Coptic Orthodox Anglican Evangelical
""".split()

# Products, platforms, diseases, faiths and events: typed misc, as newswire annotation does.
MISC = """
Twitter Facebook Instagram WhatsApp YouTube TikTok WeChat Weibo Douyin Telegram Signal LinkedIn Snapchat
iPhone iPad Android Windows ChatGPT GPT-4 Gemini Copilot Bitcoin Ethereum COVID COVID-19 Covid Covid-19
Omicron Delta_variant Ebola HIV AIDS Mpox Islam Christianity Hinduism Buddhism Judaism Ramadan Eid Easter
Christmas Diwali Hanukkah Olympics Olympic_Games Paralympics World_Cup Champions_League Premier_League
Super_Bowl Brexit Holocaust Cold_War World_War_II Arab_Spring Belt_and_Road_Initiative Nobel_Prize
Oscars Grammy Grammys Euro Bible Koran Quran
""".split()

# Organisations common in international news, written by us; acronyms included.
ORGANIZATIONS = """
UN United_Nations UNICEF UNESCO UNHCR WHO World_Health_Organization IMF International_Monetary_Fund
World_Bank WTO World_Trade_Organization NATO EU European_Union European_Commission European_Parliament
European_Central_Bank ECB OPEC ASEAN African_Union AU G7 G20 BRICS Interpol Red_Cross Amnesty_International
Human_Rights_Watch Greenpeace FIFA UEFA IOC International_Olympic_Committee ICC Security_Council
General_Assembly Federal_Reserve Fed FBI CIA NSA NASA Pentagon Congress Senate Parliament White_House
Supreme_Court Labour_Party Conservative_Party Democratic_Party Republican_Party Communist_Party
Taliban Hamas Hezbollah al-Qaeda Al-Qaeda ISIS Islamic_State Boko_Haram al-Shabaab Kremlin
Google Alphabet Apple Microsoft Amazon Meta Netflix Tesla
SpaceX Nvidia AMD Intel Qualcomm IBM Oracle Samsung Sony Huawei ZTE Xiaomi Alibaba Tencent Baidu
ByteDance DeepSeek OpenAI Anthropic TSMC ASML Arm Cisco Dell HP Lenovo Uber Airbnb PayPal
Visa Mastercard Toyota Honda Nissan Volkswagen BMW Ford General_Motors GM Boeing Airbus Shell BP
Exxon ExxonMobil Chevron Gazprom Aramco Saudi_Aramco Walmart Nike Disney Pfizer Moderna AstraZeneca
Goldman_Sachs JPMorgan Morgan_Stanley Citigroup HSBC Barclays Deutsche_Bank UBS Reuters AP Associated_Press
AFP BBC CNN Bloomberg Xinhua Al_Jazeera New_York_Times Washington_Post Wall_Street_Journal Financial_Times
Guardian Economist Politico RAND RAND_Corporation Brookings MIT Harvard Stanford Oxford_University
Cambridge_University Yale Princeton Tsinghua_University Peking_University Commerce_Department
State_Department Treasury Justice_Department Pentagon Home_Office Foreign_Office Downing_Street
SMIC Micron SK_Hynix Broadcom Arm_Holdings Baidu JD.com Pinduoduo Temu Shein Zoom Spotify Salesforce
""".split()

# People often named by surname alone in international news.
PEOPLE = """
Joe_Biden Biden Donald_Trump Trump Xi_Jinping Vladimir_Putin Putin Narendra_Modi Modi Emmanuel_Macron Macron
Olaf_Scholz Scholz Rishi_Sunak Sunak Keir_Starmer Starmer Volodymyr_Zelensky Zelensky Zelenskyy Kamala_Harris
Elon_Musk Musk Jensen_Huang Sam_Altman Altman Mark_Zuckerberg Zuckerberg Tim_Cook Satya_Nadella Nadella
Sundar_Pichai Pichai Jack_Ma Pony_Ma Liang_Wenfeng Barack_Obama Obama Hillary_Clinton Angela_Merkel Merkel
Boris_Johnson Theresa_May Justin_Trudeau Trudeau Shinzo_Abe Fumio_Kishida Kishida Kim_Jong_Un Moon_Jae-in
Yoon_Suk_Yeol Recep_Tayyip_Erdogan Erdogan Erdoğan Benjamin_Netanyahu Netanyahu Mohammed_bin_Salman
Pope_Francis Antonio_Guterres Guterres Ursula_von_der_Leyen Lula Jair_Bolsonaro Bolsonaro Cyril_Ramaphosa
Ramaphosa William_Ruto Ruto Bola_Tinubu Tinubu Imran_Khan Shehbaz_Sharif Joko_Widodo Jokowi Anthony_Albanese
Jacinda_Ardern Nancy_Pelosi Pelosi Mike_Pence Pence Gavin_Newsom Ron_DeSantis DeSantis Warren_Buffett
Bill_Gates Jeff_Bezos Bezos Eric_Schmidt Li_Qiang Wang_Yi Lai_Ching-te Tsai_Ing-wen Ebrahim_Raisi
Ali_Khamenei Khamenei Bashar_al-Assad Assad Abiy_Ahmed Paul_Kagame Kagame Yoweri_Museveni Museveni
Nelson_Mandela Mandela Mahatma_Gandhi Gandhi Jesus Muhammad Allah
""".split()

# Given names: a person cue for the word after them. Written by us; common across many languages.
GIVEN_NAMES = """
Aaron Abdul Abdullah Adam Adrian Ahmed Ahmad Aisha Alan Albert Alex Alexander Alexandra Alexei Ali Alice
Alicia Alison Amanda Amina Amir Amy Ana Andrea Andreas Andrew Andrei Andrés Angela Angelina Anil Ann Anna
Anne Anthony Antonio Arjun Arthur Ashley Barack Barbara Ben Benjamin Bernard Bill Bob Boris Brad Brian
Bruce Carl Carlos Caroline Catherine Charles Charlie Chen Chris Christian Christine Christopher Claire
Claudia Colin Craig Daniel Dan Daniela David Deborah Dennis Diana Diego Dmitry Dominic Donald Dong Douglas
Ebrahim Ed Edward Elena Elizabeth Elon Emily Emma Emmanuel Eric Erik Fatima Fernando Francis Francesco
François Frank Fred Gabriel Gary George Georg Gina Giovanni Gordon Graham Greg Gregory Hans Harry Hassan
Heather Helen Henry Hillary Hiroshi Hussein Ian Ibrahim Igor Isabel Ivan Jack Jacob James Jan Jane Janet
Jason Javier Jean Jeff Jeffrey Jennifer Jens Jeremy Jessica Jim Joan Joe John Johnson Jon Jonathan Jorge
José Joseph Joshua Juan Julia Julian Julie Justin Karen Karl Kate Katherine Keith Kelly Ken Kenneth Kevin
Kim Kumar Lars Laura Lauren Lee Lennart Leo Li Linda Lisa Liu Louis Lucas Luis Luke Maria Marie Mark
Martin Mary Matt Matthew Maurice Max Mehmet Michael Michel Michelle Miguel Mike Mohamed Mohammed
Muhammad Nancy Narendra Natalia Nathan Neil Nicholas Nick Nicola Nicolas Nikolai Nina Olaf Olga Oliver
Olivia Omar Oscar Pablo Patricia Patrick Paul Pedro Peter Philip Pierre Qian Rachel Rahul Rajesh Ralph
Ramón Raul Raymond Rebecca Richard Rick Ritwik Robert Roberto Robin Roger Ron Ronald Rosa Ross Ruth
Ryan Sally Salman Sam Samuel Sandra Sara Sarah Scott Sean Sebastian Sergei Sergey Shane Sharon Shinzo
Simon Sophie Stefan Stephen Steve Steven Sunil Susan Tanya Thomas Tim Timothy Tom Tony Uwe Valentina
Vernon Victor Victoria Vijay Viktor Vincent Vladimir Walter Wang Wei William Xi Yang Yasmin Yuki Yusuf
Zhang Zoe Joaquin Mitch Nigel Theresa Tony Volodymyr Emmanuel Angela Jacinda Rishi Keir Kamala Mike
Nancy Chuck Ted Rand Liz Boris Shinzo Fumio Moon Jae Yoon Recep Benjamin Bashar Abiy Cyril Jacob
Uhuru William Yoweri Paul Muhammadu Bola Gustavo Javier Luiz Inácio Jair Andrés Manuel Justin Pierre
""".split()

def swift_lines(entries):
    return "\n".join(f"{name}\t{kind}" for name, kind in sorted(entries))

def main():
    entries = set()
    countries = json.load(open(os.path.join(ISO, "iso_3166-1.json")))["3166-1"]
    by_name = {}
    for c in countries:
        canonical = c.get("common_name") or c["name"]
        by_name[c["name"]] = canonical
        for key in ("name", "common_name", "official_name"):
            if c.get(key):
                entries.add((c[key], "location=" + canonical))
    for alias, target in COUNTRY_ALIASES.items():
        entries.add((alias, "location=" + by_name.get(target, target)))
    wanted = ("province", "state", "region", "county", "prefecture", "governorate", "country", "territory",
              "city", "capital", "oblast", "emirate", "autonomous", "nation", "republic", "canton", "land")
    skip = {"Centre", "Central", "North", "South", "East", "West", "Northern", "Southern", "Eastern",
            "Western", "Capital", "Coast", "Lakes", "Upper", "Lower", "Orange", "Islands", "Island",
            "Mountain", "Valley", "Plateau", "Interior", "Delta", "Littoral", "Sea", "Bay", "Lake", "Savanes"}
    for s in json.load(open(os.path.join(ISO, "iso_3166-2.json")))["3166-2"]:
        if not any(w in s["type"].lower() for w in wanted):
            continue
        name = s["name"].split(" [")[0].split(" (")[0].strip()
        if len(name) < 4 or name in skip or "," in name or not name[0].isupper():
            continue
        # The name as written, without diacritics ("Gujarāt" -> "Gujarat"), and without a
        # trailing administrative word ("Guangdong Sheng" -> "Guangdong").
        folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
        for variant in {name, folded}:
            entries.add((variant, "location"))
            words = variant.split(" ")
            if len(words) > 1 and words[-1] in ("Sheng", "Shi", "Zizhiqu", "Province", "Region", "State", "County", "Prefecture"):
                base = " ".join(words[:-1])
                if len(base) >= 4 and base not in skip:
                    entries.add((base, "location"))
    entries |= {(p.replace("_", " "), "location") for p in PLACES}
    entries |= {(n.replace("_", " "), "misc") for n in NATIONALITIES}
    entries |= {(o.replace("_", " "), "organization") for o in ORGANIZATIONS}
    entries |= {(m.replace("_", " "), "misc") for m in MISC}
    entries |= {(p.replace("_", " "), "person") for p in PEOPLE}
    # A name listed under several types keeps the first of organization, location, misc
    # (lists written here win over the generated subdivisions).
    rank = {"person": 0, "organization": 1, "location": 2, "misc": 3}
    best = {}
    for name, kind in entries:
        base = kind.split("=")[0]
        own = any(name.replace(" ", "_") in own_list for own_list in (PLACES, ORGANIZATIONS, MISC, PEOPLE))
        key = (0 if own else 1, rank[base], 0 if "=" in kind else 1)
        if name not in best or key < best[name][0]:
            best[name] = (key, kind)
    lines = swift_lines((name, kind) for name, (_, kind) in best.items())
    names = "\n".join(sorted(set(GIVEN_NAMES)))
    with open(os.path.join(OUT, "gazetteer.tsv"), "w") as f:
        f.write(lines + "\n")
    with open(os.path.join(OUT, "given-names.txt"), "w") as f:
        f.write(names + "\n")
    print(f"{len(best)} names, {len(set(GIVEN_NAMES))} given names -> {os.path.normpath(OUT)}")

main()
