package corpusgen

// The vocabulary is the generator's own: invented people and places, and
// sentence parts about ordinary public life. No real article is quoted.

var firstNames = []string{
	"Aurélien", "Maëlys", "Teodor", "Ilse", "Kasimir", "Noor", "Bastien", "Oriane",
	"Lisandro", "Yaël", "Corentin", "Mirela", "Anselme", "Solveig", "Tiago", "Hortense",
	"Valdemar", "Inès", "Ruben", "Clémence", "Otto", "Léandre", "Zofia", "Émeric",
}

// Surnames and towns are built from syllables so that spelling variants
// (a swapped or doubled letter) look like real transliteration drift.
var nameHeads = []string{"Brav", "Kor", "Mel", "Strat", "Vol", "Dun", "Tar", "Grem", "Hal", "Zel", "Pask", "Rov", "Lind", "Oss", "Fer", "Nik"}
var nameTails = []string{"oski", "enko", "ari", "ellin", "ovic", "ander", "etti", "uran", "imov", "acker", "essa", "orin", "adze", "ulescu"}

var townHeads = []string{"Val", "Mont", "Saint-Os", "Bel", "Roche", "Fon", "Mar", "Ver", "Lan", "Pré"}
var townTails = []string{"moreau", "trel", "fort", "vignac", "brune", "tenay", "sac", "daux", "lieu", "gouët"}

var agencies = []string{"l'Agence Meridia", "le Courrier du Soir", "Radio Vallée", "l'Observateur rural", "la Dépêche continentale", "Presse Horizon"}
var agencyShort = []string{"Meridia", "Horizon", "Vallée Info", "Continental"}

var roles = []string{
	"le ministre de l'Économie", "la ministre de la Santé", "le porte-parole du gouvernement",
	"la présidente de la région", "le maire de %s", "la préfète de %s", "le secrétaire général du syndicat",
	"la directrice de l'hôpital de %s", "le président du club de %s", "l'ambassadrice à %s",
}

var groups = []string{
	"les syndicats", "les agriculteurs", "les habitants de %s", "les élus de l'opposition",
	"les commerçants du centre-ville", "les enseignants", "les chauffeurs de bus", "les pêcheurs de %s",
	"les associations de riverains", "les étudiants",
}

var verbs = []string{
	"a annoncé", "a confirmé", "a présenté", "a défendu", "a critiqué", "a rejeté", "prévoit",
	"a promis", "a dévoilé", "a repoussé", "a salué", "a contesté",
}

// pluralVerbs go with groups.
var pluralVerbs = []string{
	"ont annoncé", "ont confirmé", "ont présenté", "ont défendu", "ont critiqué", "ont rejeté", "prévoient",
	"ont promis", "ont dévoilé", "ont repoussé", "ont salué", "ont contesté",
}

var objects = []string{
	"un plan de rénovation des écoles", "la fermeture de l'usine de %s", "une hausse du prix des transports",
	"un nouveau budget pour la culture", "la réforme du stationnement", "un accord sur les salaires",
	"la construction d'un pont sur la rivière", "un programme d'aide aux éleveurs", "le projet de ligne de tramway",
	"la réouverture de la maternité de %s", "un calendrier de travaux", "la vente des terrains de l'ancienne gare",
}

var times = []string{
	"lundi", "mardi soir", "mercredi matin", "jeudi", "vendredi", "ce week-end", "dans la soirée",
	"après trois semaines de négociations", "lors d'une conférence de presse", "à l'issue du conseil municipal",
	"devant les journalistes", "au terme d'une longue réunion",
}

var reasons = []string{
	"faute de financement", "pour limiter les dépenses", "à la demande des riverains",
	"malgré l'opposition d'une partie des élus", "afin de respecter le calendrier", "en raison des intempéries",
	"pour répondre à la hausse de la fréquentation", "sans consultation préalable",
}

var quotes = []string{
	"Nous irons jusqu'au bout de ce projet",
	"Il faut du temps pour convaincre tout le monde",
	"Personne ne sera laissé de côté",
	"Les chiffres parlent d'eux-mêmes",
	"Nous attendons des réponses précises",
	"Ce dossier avance plus vite que prévu",
	"La situation reste fragile",
	"Nous avons entendu les inquiétudes des familles",
}

var facts = []string{
	"Le coût total est estimé à %d millions d'euros.",
	"Près de %d personnes ont participé à la réunion publique.",
	"Les travaux doivent durer %d mois.",
	"La commune compte environ %d habitants.",
	"Le dernier vote sur ce sujet remonte à %d ans.",
	"Environ %d emplois pourraient être concernés.",
}

var captions = []string{
	"Des habitants attendent devant la mairie de %s",
	"Le chantier du nouveau pont vu depuis la rive nord",
	"Une manifestation dans le centre de %s",
	"Les élus réunis en séance extraordinaire",
	"Un bus de la ligne express à l'arrêt du marché",
}

// Artifacts, one list per category, each the generator's own wording.

var englishPhrases = []string{
	"funding guarantees", "rent cap", "town hall meeting", "supply chain", "ceasefire talks",
	"public hearing", "budget shortfall", "zoning board", "strike action", "school board",
}

var englishSentences = []string{
	"The council declined to comment on the timing of the vote.",
	"Officials said the figures would be updated next week.",
	"This article has been updated with new information.",
	"Residents were not told when the works would begin.",
}

// calques are literal renderings of English idioms (category mistranslation).
var calques = []string{
	"Cette décision fait du sens pour les familles",
	"La réunion a pris place dans la salle des fêtes",
	"Le maire veut adresser le problème du bruit",
	"Au bout de la journée, les chiffres comptent",
	"Les élus ont réalisé des économies de temps",
}

// negations are polarity garbled by translation.
var negations = []string{
	"Personne n'a pas voté contre le texte",
	"Rien n'est pas encore décidé pour la rentrée",
	"Aucune option n'a été retirée de la table",
	"Le préfet n'a pas exclu de ne pas prolonger l'arrêté",
}

var furniture = []string{
	"Partager :",
	"CLIQUEZ ICI POUR TÉLÉCHARGER NOTRE APPLICATION GRATUITE",
	"Abonnez-vous à notre lettre d'information",
	"Laisser un commentaire",
	"Publicité",
	"Suivez-nous sur les réseaux sociaux",
}

var headlines = []string{
	"LES MARCHÉS DE NOËL ROUVRENT DANS LA RÉGION",
	"UN NOUVEAU RECORD DE CHALEUR ATTENDU",
	"LA LIGNE DE TRAIN FERMÉE PENDANT L'ÉTÉ",
	"LES PRIX DE L'ÉNERGIE EN BAISSE",
}
