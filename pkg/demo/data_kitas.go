package demo

type kitaData struct {
	key        string
	name       string // unique in the data set
	provider   string // provider key
	office     string // youth office code; its city is the Kita's city
	street     string
	postalCode string
	district   string // Stadtteil
	kibizID    string // "" for none
	leader     person // zero for none
}

// kitas are 26 Kitas in Düsseldorf and 24 in Dortmund; real streets and postal codes,
// fictitious house numbers, names and people.
var kitas = []kitaData{
	// Düsseldorf
	{"dus-stern", "Städtische Kita Sternstraße", pDusStadt, jaDuesseldorf, "Sternstraße 34", "40479", "Pempelfort", "DEMO-051110001", person{"Sabine Becker", "s.becker@example.org", "0211 5550-101"}},
	{"dus-hoffeld", "Städtische Kita Hoffeldstraße", pDusStadt, jaDuesseldorf, "Hoffeldstraße 52", "40235", "Flingern-Nord", "DEMO-051110002", person{"Martina Schulz", "m.schulz@example.org", "0211 5550-102"}},
	{"dus-rappelkiste", "Elterninitiative Rappelkiste", pDusEI, jaDuesseldorf, "Lindenstraße 178", "40235", "Flingern-Nord", "", person{"Lena Vogel", "l.vogel@example.org", "0211 5550-103"}},
	{"dus-hoeherweg", "AWO Kita Höherweg", pDusAWO, jaDuesseldorf, "Höherweg 85", "40233", "Flingern-Süd", "DEMO-051110004", person{"Ayşe Demir", "a.demir@example.org", "0211 5550-104"}},
	{"dus-josef", "Kath. Kita St. Josef", pDusKath, jaDuesseldorf, "Kruppstraße 21", "40227", "Oberbilk", "DEMO-051110005", person{"Claudia Lehmann", "c.lehmann@example.org", "0211 5550-105"}},
	{"dus-arche", "Ev. Kita Arche Noah", pDusEv, jaDuesseldorf, "Heyestraße 98", "40625", "Gerresheim", "DEMO-051110006", person{"Stefanie Krause", "s.krause@example.org", "0211 5550-106"}},
	{"dus-witzel", "Städtische Kita Witzelstraße", pDusStadt, jaDuesseldorf, "Witzelstraße 41", "40225", "Bilk", "DEMO-051110007", person{"Nicole Zimmermann", "n.zimmermann@example.org", "0211 5550-107"}},
	{"dus-loretto", "Ev. Kita Lorettostraße", pDusEv, jaDuesseldorf, "Lorettostraße 27", "40219", "Unterbilk", "", person{"Julia Hartmann", "j.hartmann@example.org", "0211 5550-108"}},
	{"dus-martin", "Kath. Kita St. Martin", pDusKath, jaDuesseldorf, "Bachstraße 147", "40223", "Bilk", "DEMO-051110009", person{"Andrea Schröder", "a.schroeder@example.org", "0211 5550-109"}},
	{"dus-suitbertus", "AWO Kita Suitbertusstraße", pDusAWO, jaDuesseldorf, "Suitbertusstraße 60", "40223", "Bilk", "", person{"Petra Braun", "p.braun@example.org", "0211 5550-110"}},
	{"dus-caecilia", "Kath. Kita St. Cäcilia", pDusKath, jaDuesseldorf, "Hauptstraße 12", "40597", "Benrath", "DEMO-051110011", person{"Monika Wolf", "m.wolf@example.org", "0211 5550-111"}},
	{"dus-urdenbach", "DRK Kita Urdenbach", pDusDRK, jaDuesseldorf, "Urdenbacher Dorfstraße 19", "40593", "Urdenbach", "", person{"Kerstin Lange", "k.lange@example.org", "0211 5550-112"}},
	{"dus-luegallee", "Städtische Kita Luegallee", pDusStadt, jaDuesseldorf, "Luegallee 74", "40545", "Oberkassel", "DEMO-051110013", person{"Tanja Peters", "t.peters@example.org", "0211 5550-113"}},
	{"dus-heerdt", "DRK Kita Heerdter Landstraße", pDusDRK, jaDuesseldorf, "Heerdter Landstraße 210", "40549", "Heerdt", "", person{}},
	{"dus-kaiserswerth", "Kath. Kita Kaiserswerth", pDusKath, jaDuesseldorf, "Alte Landstraße 112", "40489", "Kaiserswerth", "DEMO-051110015", person{"Susanne Jansen", "s.jansen@example.org", "0211 5550-115"}},
	{"dus-rath", "Städtische Kita Westfalenstraße", pDusStadt, jaDuesseldorf, "Westfalenstraße 24", "40472", "Rath", "", person{"Marco Esser", "m.esser@example.org", "0211 5550-116"}},
	{"dus-unterrath", "AWO Kita Kalkumer Straße", pDusAWO, jaDuesseldorf, "Kalkumer Straße 95", "40468", "Unterrath", "", person{"Daniela Busch", "d.busch@example.org", "0211 5550-117"}},
	{"dus-eller", "Städtische Kita Gumbertstraße", pDusStadt, jaDuesseldorf, "Gumbertstraße 150", "40229", "Eller", "DEMO-051110018", person{"Birgit Kaiser", "b.kaiser@example.org", "0211 5550-118"}},
	{"dus-garath", "Ev. Kita Garath", pDusEv, jaDuesseldorf, "Frankfurter Straße 225", "40595", "Garath", "", person{"Silke Engels", "s.engels@example.org", "0211 5550-119"}},
	{"dus-wersten", "Kinderhaus Rheinbogen", pDusPari, jaDuesseldorf, "Kölner Landstraße 290", "40591", "Wersten", "", person{"Elena Popescu", "e.popescu@example.org", "0211 5550-120"}},
	{"dus-duesseltal", "Städtische Kita Rethelstraße", pDusStadt, jaDuesseldorf, "Rethelstraße 141", "40237", "Düsseltal", "DEMO-051110021", person{"Anja Brandt", "a.brandt@example.org", "0211 5550-121"}},
	{"dus-derendorf", "Ev. Kita Collenbachstraße", pDusEv, jaDuesseldorf, "Collenbachstraße 12", "40476", "Derendorf", "", person{"Heike Winter", "h.winter@example.org", "0211 5550-122"}},
	{"dus-golzheim", "Kath. Kita St. Albertus Magnus", pDusKath, jaDuesseldorf, "Kaiserswerther Straße 180", "40474", "Golzheim", "", person{}},
	{"dus-hamm", "Städtische Kita Hammer Dorfstraße", pDusStadt, jaDuesseldorf, "Hammer Dorfstraße 113", "40221", "Hamm", "DEMO-051110024", person{}},
	{"dus-holthausen", "AWO Kita Bonner Straße", pDusAWO, jaDuesseldorf, "Bonner Straße 48", "40589", "Holthausen", "", person{}},
	{"dus-lierenfeld", "DRK Kita Posener Straße", pDusDRK, jaDuesseldorf, "Posener Straße 60", "40231", "Lierenfeld", "", person{}},

	// Dortmund
	{"do-hermann", "FABIDO Kita Hermannstraße", pDoStadt, jaDortmund, "Hermannstraße 73", "44263", "Hörde", "DEMO-059130001", person{"Karin Schulte", "k.schulte@example.org", "0231 5550-101"}},
	{"do-antonius", "Kath. Kita St. Antonius", pDoKath, jaDortmund, "Holsteiner Straße 20", "44145", "Nordstadt", "DEMO-059130002", person{"Maria Kowalski", "m.kowalski@example.org", "0231 5550-102"}},
	{"do-gleiwitz", "AWO Kita Gleiwitzstraße", pDoAWO, jaDortmund, "Gleiwitzstraße 277", "44328", "Scharnhorst", "", person{"Sandra Wilms", "s.wilms@example.org", "0231 5550-103"}},
	{"do-aplerbeck", "Ev. Kita Aplerbeck", pDoEv, jaDortmund, "Rodenbergstraße 36", "44287", "Aplerbeck", "DEMO-059130004", person{"Christina Kemper", "c.kemper@example.org", "0231 5550-104"}},
	{"do-schleswiger", "FABIDO Kita Schleswiger Straße", pDoStadt, jaDortmund, "Schleswiger Straße 40", "44145", "Nordstadt", "DEMO-059130005", person{"Fatma Yılmaz", "f.yilmaz@example.org", "0231 5550-105"}},
	{"do-borsig", "AWO Kita Borsigplatz", pDoAWO, jaDortmund, "Oesterholzstraße 120", "44145", "Nordstadt", "", person{"Jennifer Sommer", "j.sommer@example.org", "0231 5550-106"}},
	{"do-kinderwelt", "Kinderwelt Mallinckrodtstraße", pDoPari, jaDortmund, "Mallinckrodtstraße 212", "44147", "Nordstadt", "", person{"Katharina Brinkmann", "k.brinkmann@example.org", "0231 5550-107"}},
	{"do-lindemann", "FABIDO Kita Lindemannstraße", pDoStadt, jaDortmund, "Lindemannstraße 78", "44137", "Kreuzviertel", "DEMO-059130008", person{"Simone Hagedorn", "s.hagedorn@example.org", "0231 5550-108"}},
	{"do-zwergenstube", "Elterninitiative Zwergenstube", pDoEI, jaDortmund, "Arneckestraße 55", "44139", "Kreuzviertel", "", person{"Miriam Westphal", "m.westphal@example.org", "0231 5550-109"}},
	{"do-harkort", "DRK Kita Harkortstraße", pDoDRK, jaDortmund, "Harkortstraße 58", "44225", "Hombruch", "DEMO-059130010", person{"Ute Reinhardt", "u.reinhardt@example.org", "0231 5550-110"}},
	{"do-clemens", "Kath. Kita St. Clemens", pDoKath, jaDortmund, "Deutsch-Luxemburger Straße 10", "44225", "Hombruch", "", person{"Gabriele Overbeck", "g.overbeck@example.org", "0231 5550-111"}},
	{"do-barop", "Ev. Kita Barop", pDoEv, jaDortmund, "Stockumer Straße 230", "44227", "Barop", "", person{"Nadine Hölscher", "n.hoelscher@example.org", "0231 5550-112"}},
	{"do-brackel", "FABIDO Kita Oberdorfstraße", pDoStadt, jaDortmund, "Oberdorfstraße 22", "44309", "Brackel", "DEMO-059130013", person{"Eva Rademacher", "e.rademacher@example.org", "0231 5550-113"}},
	{"do-eving", "AWO Kita Deutsche Straße", pDoAWO, jaDortmund, "Deutsche Straße 48", "44339", "Eving", "", person{"Tobias Kraft", "t.kraft@example.org", "0231 5550-114"}},
	{"do-huckarde", "Kath. Kita St. Urbanus", pDoKath, jaDortmund, "Urbanusstraße 5", "44369", "Huckarde", "DEMO-059130015", person{"Bettina Sander", "b.sander@example.org", "0231 5550-115"}},
	{"do-mengede", "FABIDO Kita Siegburgstraße", pDoStadt, jaDortmund, "Siegburgstraße 9", "44359", "Mengede", "", person{}},
	{"do-luetgen", "DRK Kita Lütgendortmund", pDoDRK, jaDortmund, "Limbecker Straße 45", "44388", "Lütgendortmund", "", person{}},
	{"do-dorstfeld", "Ev. Kita Dorstfeld", pDoEv, jaDortmund, "Arminiusstraße 15", "44149", "Dorstfeld", "DEMO-059130018", person{"Ramona Tillmann", "r.tillmann@example.org", "0231 5550-118"}},
	{"do-kirchhoerde", "Kinderwelt Kirchhörde", pDoPari, jaDortmund, "Hagener Straße 310", "44229", "Kirchhörde", "", person{"Laura Böhm", "l.boehm@example.org", "0231 5550-119"}},
	{"do-wambel", "FABIDO Kita Wambeler Hellweg", pDoStadt, jaDortmund, "Wambeler Hellweg 120", "44143", "Wambel", "DEMO-059130020", person{"Manuela Pohl", "m.pohl@example.org", "0231 5550-120"}},
	{"do-koerne", "Ev. Kita Körne", pDoEv, jaDortmund, "Körner Hellweg 80", "44143", "Körne", "", person{}},
	{"do-wickede", "AWO Kita Wickede", pDoAWO, jaDortmund, "Wickeder Hellweg 65", "44319", "Wickede", "", person{}},
	{"do-berghofen", "Kath. Kita Heilige Familie", pDoKath, jaDortmund, "Berghofer Straße 150", "44269", "Berghofen", "DEMO-059130023", person{"Iris Funke", "i.funke@example.org", "0231 5550-123"}},
	{"do-marten", "DRK Kita Marten", pDoDRK, jaDortmund, "Martener Straße 250", "44379", "Marten", "", person{}},
}
