// Curated clinical abbreviations, written for this project. One entry per line: `ABBR|expansion`.
// Variants that differ only in case or punctuation are folded by the matcher (HTN = htn, s/p = S/P).
// Short all-letter keys that are also English words ("AS", "ED", "PE") match only when written in capitals.

export const UNAMBIGUOUS_ABBREVIATIONS = `
AAA|abdominal aortic aneurysm
AAO|awake, alert and oriented
A&O|alert and oriented
AAOx3|awake, alert and oriented to person, place and time
ABG|arterial blood gas
ABI|ankle-brachial index
ABX|antibiotics
ACEI|angiotensin-converting enzyme inhibitor
ACL|anterior cruciate ligament
ACS|acute coronary syndrome
ACTH|adrenocorticotropic hormone
ADHD|attention-deficit hyperactivity disorder
ADL|activities of daily living
ADLs|activities of daily living
AEB|as evidenced by
AFib|atrial fibrillation
A-fib|atrial fibrillation
AFL|atrial flutter
AIDS|acquired immunodeficiency syndrome
AKA|above-knee amputation
AKI|acute kidney injury
ALL|acute lymphoblastic leukemia
ALS|amyotrophic lateral sclerosis
ALT|alanine aminotransferase
AMA|against medical advice
AML|acute myeloid leukemia
AMS|altered mental status
ANA|antinuclear antibody
ANC|absolute neutrophil count
AODM|adult-onset diabetes mellitus
AOM|acute otitis media
AP|anteroposterior
APAP|acetaminophen
aPTT|activated partial thromboplastin time
ARB|angiotensin receptor blocker
ARDS|acute respiratory distress syndrome
ARMD|age-related macular degeneration
AMD|age-related macular degeneration
ASA|aspirin
ASCVD|atherosclerotic cardiovascular disease
ASD|atrial septal defect
ASHD|arteriosclerotic heart disease
AST|aspartate aminotransferase
ATN|acute tubular necrosis
AV|atrioventricular
AVM|arteriovenous malformation
AVR|aortic valve replacement
AVF|arteriovenous fistula
BCC|basal cell carcinoma
BKA|below-knee amputation
BIBA|brought in by ambulance
bid|twice a day
b.i.d.|twice a day
BMI|body mass index
BMP|basic metabolic panel
BNP|B-type natriuretic peptide
BP|blood pressure
BPH|benign prostatic hyperplasia
BPPV|benign paroxysmal positional vertigo
BRBPR|bright red blood per rectum
BUN|blood urea nitrogen
Bx|biopsy
C&S|culture and sensitivity
CABG|coronary artery bypass graft
CAD|coronary artery disease
CAP|community-acquired pneumonia
CAUTI|catheter-associated urinary tract infection
CBC|complete blood count
CBD|common bile duct
CBG|capillary blood glucose
CCB|calcium channel blocker
CDI|Clostridioides difficile infection
C. diff|Clostridioides difficile
CEA|carcinoembryonic antigen
CHF|congestive heart failure
CHB|complete heart block
CIN|contrast-induced nephropathy
CKD|chronic kidney disease
CKD1|chronic kidney disease, stage 1
CKD2|chronic kidney disease, stage 2
CKD3|chronic kidney disease, stage 3
CKD3a|chronic kidney disease, stage 3a
CKD3b|chronic kidney disease, stage 3b
CKD4|chronic kidney disease, stage 4
CKD5|chronic kidney disease, stage 5
CLL|chronic lymphocytic leukemia
CML|chronic myeloid leukemia
CMP|comprehensive metabolic panel
CMV|cytomegalovirus
CN|cranial nerves
CNS|central nervous system
c/o|complains of
COPD|chronic obstructive pulmonary disease
COVID|coronavirus disease 2019
COVID-19|coronavirus disease 2019
CPAP|continuous positive airway pressure
CPR|cardiopulmonary resuscitation
Cr|creatinine
CRP|C-reactive protein
CRF|chronic renal failure
CRI|chronic renal insufficiency
CRNA|certified registered nurse anesthetist
CSF|cerebrospinal fluid
CT|computed tomography
CTA|computed tomography angiography
CTAB|clear to auscultation bilaterally
CVD|cardiovascular disease
CVP|central venous pressure
CVS|cardiovascular system
CXR|chest x-ray
D5W|5% dextrose in water
DCIS|ductal carcinoma in situ
DDD|degenerative disc disease
DDx|differential diagnosis
DI|diabetes insipidus
DIC|disseminated intravascular coagulation
DJD|degenerative joint disease
DKA|diabetic ketoacidosis
DM|diabetes mellitus
DM1|type 1 diabetes mellitus
DM2|type 2 diabetes mellitus
DMII|type 2 diabetes mellitus
DMI|type 1 diabetes mellitus
DNR|do not resuscitate
DNI|do not intubate
DOA|dead on arrival
DOE|dyspnea on exertion
DPOA|durable power of attorney
DTR|deep tendon reflexes
DTRs|deep tendon reflexes
DVT|deep vein thrombosis
Dx|diagnosis
EBL|estimated blood loss
EBV|Epstein-Barr virus
ECG|electrocardiogram
EKG|electrocardiogram
ECHO|echocardiogram
EEG|electroencephalogram
EF|ejection fraction
EGD|esophagogastroduodenoscopy
EMG|electromyography
EMS|emergency medical services
ENT|ear, nose and throat
EOMI|extraocular movements intact
ERCP|endoscopic retrograde cholangiopancreatography
ESI|epidural steroid injection
ESR|erythrocyte sedimentation rate
ESRD|end-stage renal disease
ETOH|alcohol
EtOH|alcohol
ETT|endotracheal tube
FEV1|forced expiratory volume in one second
FFP|fresh frozen plasma
FHx|family history
FOBT|fecal occult blood test
FSBS|fingerstick blood sugar
FTT|failure to thrive
FUO|fever of unknown origin
f/u|follow-up
Fx|fracture
GAD|generalized anxiety disorder
GBS|group B streptococcus
GCS|Glasgow Coma Scale
GERD|gastroesophageal reflux disease
GFR|glomerular filtration rate
eGFR|estimated glomerular filtration rate
GI|gastrointestinal
GIB|gastrointestinal bleed
GU|genitourinary
GSW|gunshot wound
GTT|glucose tolerance test
h/o|history of
HA|headache
HAV|hepatitis A virus
Hb|hemoglobin
HbA1c|hemoglobin A1c
A1c|hemoglobin A1c
HBV|hepatitis B virus
HCC|hepatocellular carcinoma
HCT|hematocrit
HCTZ|hydrochlorothiazide
HCV|hepatitis C virus
HDL|high-density lipoprotein
HEENT|head, eyes, ears, nose and throat
HFpEF|heart failure with preserved ejection fraction
HFrEF|heart failure with reduced ejection fraction
HFmrEF|heart failure with mildly reduced ejection fraction
HF|heart failure
Hgb|hemoglobin
HHS|hyperosmolar hyperglycemic state
HIV|human immunodeficiency virus
HLD|hyperlipidemia
HL|hyperlipidemia
HOB|head of bed
HPI|history of present illness
HPV|human papillomavirus
HR|heart rate
HSV|herpes simplex virus
HTN|hypertension
Hx|history
I&D|incision and drainage
I&O|intake and output
IBD|inflammatory bowel disease
IBS|irritable bowel syndrome
ICH|intracranial hemorrhage
ICP|intracranial pressure
ICU|intensive care unit
IDA|iron deficiency anemia
IDDM|insulin-dependent diabetes mellitus
IHD|ischemic heart disease
ILD|interstitial lung disease
IM|intramuscular
INR|international normalized ratio
IUD|intrauterine device
IUP|intrauterine pregnancy
IV|intravenous
IVDU|intravenous drug use
IVC|inferior vena cava
JVD|jugular venous distension
JVP|jugular venous pressure
K|potassium
KUB|kidneys, ureters and bladder (radiograph)
LBBB|left bundle branch block
LBP|low back pain
LDL|low-density lipoprotein
LE|lower extremity
LFT|liver function test
LFTs|liver function tests
LGIB|lower gastrointestinal bleed
LLE|left lower extremity
LLL|left lower lobe
LLQ|left lower quadrant
LMP|last menstrual period
LOS|length of stay
LP|lumbar puncture
LUE|left upper extremity
LUL|left upper lobe
LUQ|left upper quadrant
LUTS|lower urinary tract symptoms
LV|left ventricle
LVEF|left ventricular ejection fraction
LVH|left ventricular hypertrophy
MAP|mean arterial pressure
MCV|mean corpuscular volume
MDD|major depressive disorder
MDS|myelodysplastic syndrome
MGUS|monoclonal gammopathy of undetermined significance
MI|myocardial infarction
MMSE|Mini-Mental State Examination
MRI|magnetic resonance imaging
MRSA|methicillin-resistant Staphylococcus aureus
MSSA|methicillin-susceptible Staphylococcus aureus
MVA|motor vehicle accident
MVC|motor vehicle collision
MVP|mitral valve prolapse
MVR|mitral valve replacement
Na|sodium
NAFLD|nonalcoholic fatty liver disease
NASH|nonalcoholic steatohepatitis
NAD|no acute distress
NC|nasal cannula
NG|nasogastric
NGT|nasogastric tube
NIDDM|non-insulin-dependent diabetes mellitus
NKA|no known allergies
NKDA|no known drug allergies
NPO|nothing by mouth
NS|normal saline
NSAID|nonsteroidal anti-inflammatory drug
NSAIDs|nonsteroidal anti-inflammatory drugs
NSR|normal sinus rhythm
NSTEMI|non-ST-elevation myocardial infarction
NSCLC|non-small cell lung cancer
N/V|nausea and vomiting
N/V/D|nausea, vomiting and diarrhea
NVD|nausea, vomiting and diarrhea
OA|osteoarthritis
OCD|obsessive-compulsive disorder
OM|otitis media
OSA|obstructive sleep apnea
OT|occupational therapy
OTC|over the counter
PAC|premature atrial contraction
PAF|paroxysmal atrial fibrillation
PCI|percutaneous coronary intervention
PCN|penicillin
PCOS|polycystic ovary syndrome
PDA|patent ductus arteriosus
PEG|percutaneous endoscopic gastrostomy
PERRL|pupils equal, round and reactive to light
PERRLA|pupils equal, round, reactive to light and accommodation
PFO|patent foramen ovale
PFT|pulmonary function test
PFTs|pulmonary function tests
PICC|peripherally inserted central catheter
PLT|platelets
PMH|past medical history
PMHx|past medical history
PNA|pneumonia
PNV|prenatal vitamins
po|by mouth
p.o.|by mouth
POD|postoperative day
PPD|purified protein derivative (tuberculin skin test)
PPI|proton pump inhibitor
prn|as needed
p.r.n.|as needed
PSA|prostate-specific antigen
PSH|past surgical history
PSVT|paroxysmal supraventricular tachycardia
PT/INR|prothrombin time and international normalized ratio
PTSD|post-traumatic stress disorder
PTT|partial thromboplastin time
PUD|peptic ulcer disease
PVC|premature ventricular contraction
PVCs|premature ventricular contractions
PVD|peripheral vascular disease
q|every
qd|once a day
q.d.|once a day
qhs|at bedtime
q.h.s.|at bedtime
qid|four times a day
q.i.d.|four times a day
qod|every other day
RBBB|right bundle branch block
RBC|red blood cell
RCA|right coronary artery
RLE|right lower extremity
RLL|right lower lobe
RLQ|right lower quadrant
RLS|restless legs syndrome
RML|right middle lobe
r/o|rule out
ROS|review of systems
RRR|regular rate and rhythm
RSV|respiratory syncytial virus
RTC|return to clinic
RUE|right upper extremity
RUL|right upper lobe
RUQ|right upper quadrant
RVR|rapid ventricular response
Rx|prescription
SAH|subarachnoid hemorrhage
SBO|small bowel obstruction
SCC|squamous cell carcinoma
SCD|sequential compression device
SCLC|small cell lung cancer
SDH|subdural hematoma
SIADH|syndrome of inappropriate antidiuretic hormone secretion
SIRS|systemic inflammatory response syndrome
SLE|systemic lupus erythematosus
SNF|skilled nursing facility
SOB|shortness of breath
s/p|status post
SQ|subcutaneous
subq|subcutaneous
SSI|surgical site infection
SSRI|selective serotonin reuptake inhibitor
STD|sexually transmitted disease
STI|sexually transmitted infection
STEMI|ST-elevation myocardial infarction
SVT|supraventricular tachycardia
Sx|symptoms
T1DM|type 1 diabetes mellitus
T2DM|type 2 diabetes mellitus
TAH|total abdominal hysterectomy
TAVR|transcatheter aortic valve replacement
TB|tuberculosis
TBI|traumatic brain injury
TIA|transient ischemic attack
tid|three times a day
t.i.d.|three times a day
TKA|total knee arthroplasty
TKR|total knee replacement
THA|total hip arthroplasty
THR|total hip replacement
TMJ|temporomandibular joint
TPN|total parenteral nutrition
TSH|thyroid-stimulating hormone
TURP|transurethral resection of the prostate
Tx|treatment
UC|ulcerative colitis
UE|upper extremity
UGIB|upper gastrointestinal bleed
URI|upper respiratory infection
UTI|urinary tract infection
UTD|up to date
VATS|video-assisted thoracoscopic surgery
VF|ventricular fibrillation
VFib|ventricular fibrillation
VSD|ventricular septal defect
VSS|vital signs stable
VT|ventricular tachycardia
VTach|ventricular tachycardia
VTE|venous thromboembolism
VZV|varicella-zoster virus
WBC|white blood cell count
WNL|within normal limits
w/|with
w/o|without
y/o|years old
yo|years old
BRCA|breast cancer gene
CAUTI|catheter-associated urinary tract infection
CLABSI|central line-associated bloodstream infection
CVC|central venous catheter
CPK|creatine phosphokinase
CK|creatine kinase
DOB|date of birth
ECMO|extracorporeal membrane oxygenation
ETT|endotracheal tube
FAST|focused assessment with sonography for trauma
GOO|gastric outlet obstruction
HAP|hospital-acquired pneumonia
VAP|ventilator-associated pneumonia
HCAP|healthcare-associated pneumonia
HOCM|hypertrophic obstructive cardiomyopathy
HCM|hypertrophic cardiomyopathy
DCM|dilated cardiomyopathy
ICM|ischemic cardiomyopathy
NICM|non-ischemic cardiomyopathy
HIT|heparin-induced thrombocytopenia
HUS|hemolytic uremic syndrome
TTP|thrombotic thrombocytopenic purpura
ITP|immune thrombocytopenia
IgA|immunoglobulin A
IgE|immunoglobulin E
IgG|immunoglobulin G
IgM|immunoglobulin M
JRA|juvenile rheumatoid arthritis
LAP|laparoscopic
lap chole|laparoscopic cholecystectomy
LOC|loss of consciousness
MAC|monitored anesthesia care
MDRO|multidrug-resistant organism
MODS|multiple organ dysfunction syndrome
MRCP|magnetic resonance cholangiopancreatography
MRA|magnetic resonance angiography
NEC|necrotizing enterocolitis
NHL|non-Hodgkin lymphoma
NPH|normal pressure hydrocephalus
NTG|nitroglycerin
OGTT|oral glucose tolerance test
OSH|outside hospital
PAD|peripheral artery disease
PCA|patient-controlled analgesia
PDA|patent ductus arteriosus
PEA|pulseless electrical activity
PICU|pediatric intensive care unit
NICU|neonatal intensive care unit
PMR|polymyalgia rheumatica
PNS|peripheral nervous system
PONV|postoperative nausea and vomiting
PPROM|preterm premature rupture of membranes
PROM|premature rupture of membranes
PRBC|packed red blood cells
PRBCs|packed red blood cells
PTH|parathyroid hormone
RAD|reactive airway disease
RF|rheumatoid factor
ROSC|return of spontaneous circulation
RVH|right ventricular hypertrophy
SAB|spontaneous abortion
SBE|subacute bacterial endocarditis
SI|suicidal ideation
HI|homicidal ideation
SJS|Stevens-Johnson syndrome
SOBOE|shortness of breath on exertion
SSS|sick sinus syndrome
STAT|immediately
T3|triiodothyronine
T4|thyroxine
TEE|transesophageal echocardiogram
TTE|transthoracic echocardiogram
TIBC|total iron-binding capacity
TLC|total lung capacity
TOF|tetralogy of Fallot
tPA|tissue plasminogen activator
TRALI|transfusion-related acute lung injury
UPEP|urine protein electrophoresis
SPEP|serum protein electrophoresis
URTI|upper respiratory tract infection
US|ultrasound
USG|ultrasonography
V/Q|ventilation-perfusion
VBG|venous blood gas
VRE|vancomycin-resistant Enterococcus
WPW|Wolff-Parkinson-White syndrome
XRT|radiation therapy
ESBL|extended-spectrum beta-lactamase
AAS|acute abdominal series
ABPA|allergic bronchopulmonary aspergillosis
AIN|acute interstitial nephritis
AVN|avascular necrosis
BOOP|bronchiolitis obliterans organizing pneumonia
CIDP|chronic inflammatory demyelinating polyneuropathy
CRPS|complex regional pain syndrome
CTS|carpal tunnel syndrome
DLBCL|diffuse large B-cell lymphoma
DVT/PE|deep vein thrombosis and pulmonary embolism
EoE|eosinophilic esophagitis
FSGS|focal segmental glomerulosclerosis
GBM|glioblastoma multiforme
GCA|giant cell arteritis
GVHD|graft-versus-host disease
HSP|Henoch-Schonlein purpura
IPF|idiopathic pulmonary fibrosis
MG|myasthenia gravis
NMS|neuroleptic malignant syndrome
OHS|obesity hypoventilation syndrome
PBC|primary biliary cholangitis
PSC|primary sclerosing cholangitis
PKD|polycystic kidney disease
PMDD|premenstrual dysphoric disorder
POTS|postural orthostatic tachycardia syndrome
RCC|renal cell carcinoma
SMA|spinal muscular atrophy
SSc|systemic sclerosis
T-ALL|T-cell acute lymphoblastic leukemia
TOA|tubo-ovarian abscess
UPJ|ureteropelvic junction
VUR|vesicoureteral reflux
AUB|abnormal uterine bleeding
DUB|dysfunctional uterine bleeding
G1P1|gravida 1, para 1
GDM|gestational diabetes mellitus
HELLP|hemolysis, elevated liver enzymes and low platelets syndrome
IUGR|intrauterine growth restriction
LGA|large for gestational age
SGA|small for gestational age
NSVD|normal spontaneous vaginal delivery
SVD|spontaneous vaginal delivery
C-section|cesarean section
CS|cesarean section
PIH|pregnancy-induced hypertension
PPH|postpartum hemorrhage
AD|Alzheimer disease
BPD|bipolar disorder
EPS|extrapyramidal symptoms
SAD|seasonal affective disorder
SUD|substance use disorder
AUD|alcohol use disorder
OUD|opioid use disorder
EtOH abuse|alcohol abuse
DTs|delirium tremens
CIWA|Clinical Institute Withdrawal Assessment
BPSD|behavioral and psychological symptoms of dementia
MCI|mild cognitive impairment
ASD|atrial septal defect
CTD|connective tissue disease
FMF|familial Mediterranean fever
MCTD|mixed connective tissue disease
PsA|psoriatic arthritis
JIA|juvenile idiopathic arthritis
AOSD|adult-onset Still disease
SCI|spinal cord injury
ICH|intracerebral hemorrhage
IPH|intraparenchymal hemorrhage
SDH|subdural hematoma
EDH|epidural hematoma
NPH|normal pressure hydrocephalus
ALS|amyotrophic lateral sclerosis
GBS|group B streptococcus
DRE|digital rectal examination
LGIB|lower gastrointestinal bleeding
SBP|systolic blood pressure
DBP|diastolic blood pressure
RR|respiratory rate
SpO2|peripheral oxygen saturation
O2|oxygen
O2 sat|oxygen saturation
Temp|temperature
Wt|weight
Ht|height
abd|abdomen
ext|extremities
neuro|neurologic
bilat|bilateral
b/l|bilateral
BLE|bilateral lower extremities
BUE|bilateral upper extremities
L|left
R|right
NT|nontender
ND|nondistended
NTND|nontender, nondistended
BS|bowel sounds
FROM|full range of motion
AROM|active range of motion
PROM|passive range of motion
HSM|hepatosplenomegaly
LAD|lymphadenopathy
JVD|jugular venous distension
CCE|clubbing, cyanosis or edema
MRG|murmurs, rubs or gallops
NABS|normoactive bowel sounds
EOM|extraocular movements
TM|tympanic membrane
TMs|tympanic membranes
SOBOE|shortness of breath on exertion
PND|paroxysmal nocturnal dyspnea
CP|chest pain
abd pain|abdominal pain
LOA|loss of appetite
N/V|nausea and vomiting
BM|bowel movement
UOP|urine output
UA|urinalysis
UCx|urine culture
BCx|blood culture
Cx|culture
sens|sensitivity
HDS|hemodynamically stable
HD stable|hemodynamically stable
A&Ox3|alert and oriented times three
AOx3|alert and oriented times three
GERD|gastroesophageal reflux disease
ADR|adverse drug reaction
DC|discharge
d/c|discontinue
D/C|discontinue
OOB|out of bed
WBAT|weight bearing as tolerated
NWB|non-weight bearing
PWB|partial weight bearing
ROM|range of motion
ORIF|open reduction and internal fixation
TLSO|thoracolumbosacral orthosis
DME|durable medical equipment
HH|home health
LTAC|long-term acute care
LTC|long-term care
IPR|inpatient rehabilitation
AAA repair|abdominal aortic aneurysm repair
EVAR|endovascular aneurysm repair
CEA|carotid endarterectomy
TIPS|transjugular intrahepatic portosystemic shunt
PTCA|percutaneous transluminal coronary angioplasty
DES|drug-eluting stent
BMS|bare-metal stent
LHC|left heart catheterization
RHC|right heart catheterization
AICD|automatic implantable cardioverter-defibrillator
PPM|permanent pacemaker
CRT|cardiac resynchronization therapy
LVAD|left ventricular assist device
IABP|intra-aortic balloon pump
BiPAP|bilevel positive airway pressure
NRB|non-rebreather mask
HFNC|high-flow nasal cannula
SBT|spontaneous breathing trial
RSI|rapid sequence intubation
DL|direct laryngoscopy
TTS|tenderness to palpation
TTP|tenderness to palpation
`;

/** Abbreviations with several senses; cues are words near the abbreviation that point to a sense. */
export interface AmbiguousAbbreviation {
  key: string;
  senses: { expansion: string; cues: string[]; roles?: string[] }[];
}

export const AMBIGUOUS_ABBREVIATIONS: AmbiguousAbbreviation[] = [
  { key: 'MS', senses: [
    { expansion: 'multiple sclerosis', cues: ['demyelinating', 'relapsing', 'remitting', 'relapse', 'lesions', 'lesion', 'optic', 'neuritis', 'interferon', 'ocrelizumab', 'natalizumab', 'neurology', 'mri', 'plaques', 'numbness', 'flare', 'progressive', 'rrms', 'glatiramer', 'fingolimod', 'weakness', 'spasticity'] },
    { expansion: 'mitral stenosis', cues: ['valve', 'mitral', 'murmur', 'echo', 'rheumatic', 'diastolic', 'valvular', 'stenosis', 'mva', 'balloon', 'valvuloplasty', 'gradient', 'severe', 'moderate', 'mild', 'mr', 'tr', 'as', 'ar', 'echocardiogram', 'tte'] },
    { expansion: 'morphine sulfate', cues: ['mg', 'dose', 'iv', 'po', 'q4h', 'q6h', 'q3h', 'q2h', 'prn', 'tablet', 'contin', 'er', 'ir', 'opioid', 'analgesia', 'given', 'administered', 'mcg'], roles: ['medications'] },
    { expansion: 'mental status', cues: ['altered', 'change', 'changes', 'baseline', 'confused', 'confusion', 'oriented', 'alert', 'depressed', 'improved', 'ams', 'worsening', 'exam'] },
  ] },
  { key: 'PE', senses: [
    { expansion: 'pulmonary embolism', cues: ['cta', 'ct', 'angiogram', 'dvt', 'anticoagulation', 'anticoagulated', 'heparin', 'dyspnea', 'dimer', 'd-dimer', 'wells', 'embolism', 'clot', 'tachycardia', 'tachycardic', 'lovenox', 'enoxaparin', 'apixaban', 'rivaroxaban', 'warfarin', 'rule', 'r/o', 'pleuritic', 'hypoxia', 'hypoxic', 'saddle', 'bilateral', 'segmental', 'subsegmental', 'vq', 'v/q', 'thrombolysis', 'filter', 'ivc', 'history', 'h/o', 'provoked', 'unprovoked', 'concern', 'negative', 'positive', 'excluded'] },
    { expansion: 'physical exam', cues: ['exam', 'vitals', 'general', 'heent', 'normal', 'unremarkable', 'findings', 'auscultation', 'nad', 'remarkable', 'notable', 'significant'], roles: ['exam'] },
    { expansion: 'pressure equalization (tubes)', cues: ['tube', 'tubes', 'ear', 'ears', 'myringotomy', 'ent', 'tympanostomy', 'otitis'] },
  ] },
  { key: 'RA', senses: [
    { expansion: 'rheumatoid arthritis', cues: ['arthritis', 'joint', 'joints', 'methotrexate', 'rheumatology', 'rheumatologist', 'synovitis', 'hands', 'swelling', 'dmard', 'dmards', 'hydroxychloroquine', 'plaquenil', 'stiffness', 'deformities', 'nodules', 'factor', 'ccp', 'seropositive', 'seronegative', 'flare', 'humira', 'adalimumab', 'etanercept', 'prednisone', 'history', 'h/o'] },
    { expansion: 'room air', cues: ['sat', 'sats', 'saturation', 'saturating', 'spo2', 'o2', 'oxygen', 'pulse', 'ox', 'satting', 'breathing', '%', 'on', 'hypoxic', 'nasal', 'cannula', 'weaned'] },
    { expansion: 'right atrium', cues: ['atrial', 'atrium', 'enlarged', 'dilated', 'la', 'rv', 'lv', 'echo', 'pressure', 'enlargement', 'thrombus', 'catheter', 'tip'] },
  ] },
  { key: 'CP', senses: [
    { expansion: 'chest pain', cues: ['exertion', 'exertional', 'radiating', 'radiates', 'substernal', 'pressure', 'troponin', 'ekg', 'ecg', 'acs', 'pleuritic', 'sob', 'angina', 'palpitations', 'denies', 'no', 'onset', 'atypical', 'typical'] },
    { expansion: 'cerebral palsy', cues: ['spastic', 'wheelchair', 'developmental', 'quadriplegic', 'quadriplegia', 'diplegia', 'contractures', 'hemiplegic', 'delay', 'gmfcs', 'baclofen'] },
  ] },
  { key: 'AS', senses: [
    { expansion: 'aortic stenosis', cues: ['valve', 'aortic', 'murmur', 'echo', 'tavr', 'avr', 'severe', 'moderate', 'mild', 'gradient', 'systolic', 'calcific', 'area', 'velocity'] },
    { expansion: 'ankylosing spondylitis', cues: ['spine', 'back', 'sacroiliitis', 'hla-b27', 'hla', 'b27', 'bamboo', 'stiffness', 'uveitis', 'rheumatology', 'tnf'] },
  ] },
  { key: 'PT', senses: [
    { expansion: 'physical therapy', cues: ['therapy', 'rehab', 'rehabilitation', 'strengthening', 'ambulation', 'ambulate', 'consult', 'eval', 'evaluation', 'session', 'sessions', 'ot', 'gait', 'mobility', 'exercises', 'home', 'outpatient', 'recommend', 'recommends', 'cleared', 'weekly', 'continue', 'refer', 'referral'] },
    { expansion: 'prothrombin time', cues: ['inr', 'ptt', 'aptt', 'coag', 'coags', 'seconds', 'sec', 'prolonged', 'elevated', 'labs', 'fibrinogen', 'warfarin'] },
    { expansion: 'patient', cues: ['is', 'was', 'has', 'reports', 'states', 'denies', 'presents', 'presented', 'complains', 'admitted', 'feels', 'tolerated', 'year', 'yo', 'y/o'] },
  ] },
  { key: 'CA', senses: [
    { expansion: 'cancer', cues: ['metastatic', 'metastases', 'mets', 'chemo', 'chemotherapy', 'tumor', 'oncology', 'breast', 'lung', 'prostate', 'colon', 'stage', 'history', 'h/o', 'radiation', 'resection', 'carcinoma', 'ovarian', 'pancreatic', 'cervical', 'bladder', 'gastric', 'remission', 'hx'] },
    { expansion: 'calcium', cues: ['mg/dl', 'level', 'ionized', 'supplement', 'supplements', 'k', 'na', 'mg', 'phos', 'vitamin', 'hypercalcemia', 'corrected', 'albumin', 'pth', 'carbonate', 'citrate', 'gluconate', 'chloride'] },
  ] },
  { key: 'ED', senses: [
    { expansion: 'emergency department', cues: ['presented', 'presents', 'presenting', 'came', 'visit', 'triage', 'arrival', 'arrived', 'seen', 'sent', 'brought', 'course', 'er', 'admitted', 'return', 'the', 'in', 'to', 'from', 'physician', 'provider', 'transferred', 'vitals'] },
    { expansion: 'erectile dysfunction', cues: ['sildenafil', 'tadalafil', 'vardenafil', 'erectile', 'sexual', 'libido', 'testosterone', 'urology', 'viagra', 'cialis', 'impotence', 'pde5'] },
  ] },
  { key: 'AF', senses: [
    { expansion: 'atrial fibrillation', cues: ['rate', 'rvr', 'anticoagulation', 'anticoagulated', 'warfarin', 'apixaban', 'eliquis', 'rivaroxaban', 'rhythm', 'ekg', 'ecg', 'cardioversion', 'chads', 'chads2', 'cha2ds2', 'paroxysmal', 'persistent', 'permanent', 'diltiazem', 'metoprolol', 'amiodarone', 'ablation', 'history', 'h/o', 'new'] },
    { expansion: 'afebrile', cues: ['vitals', 'temp', 't', 'hr', 'bp', 'vss', 'hds', 'stable', 'tmax', 'febrile'] },
  ] },
  { key: 'CVA', senses: [
    { expansion: 'cerebrovascular accident (stroke)', cues: ['history', 'h/o', 'residual', 'hemiparesis', 'stroke', 'aphasia', 'tpa', 'deficit', 'deficits', 'left', 'right', 'sided', 'weakness', 'prior', 'old', 'acute', 'embolic', 'ischemic', 'hemorrhagic', 'neurology', 'mri', 'carotid'] },
    { expansion: 'costovertebral angle', cues: ['tenderness', 'cvat', 'flank', 'percussion', 'pyelonephritis', 'bilateral', 'no', 'nontender', 'non-tender'], roles: ['exam'] },
  ] },
  { key: 'MR', senses: [
    { expansion: 'mitral regurgitation', cues: ['valve', 'mitral', 'murmur', 'echo', 'severe', 'moderate', 'mild', 'trace', 'tr', 'ar', 'as', 'regurgitation', 'holosystolic', 'tte', 'tee', 'echocardiogram', 'mvr'] },
    { expansion: 'intellectual disability (formerly "mental retardation")', cues: ['developmental', 'delay', 'cognitive', 'iq', 'group', 'home', 'guardian', 'nonverbal', 'autism'] },
    { expansion: 'magnetic resonance', cues: ['imaging', 'angiography', 'enterography', 'scan', 'contrast', 'cholangiopancreatography'] },
  ] },
  { key: 'PCP', senses: [
    { expansion: 'primary care physician', cues: ['follow', 'f/u', 'with', 'her', 'his', 'see', 'appointment', 'referred', 'by', 'per', 'call', 'visit', 'office', 'notes', 'records', 'discussed', 'their', 'outpatient'] },
    { expansion: 'Pneumocystis pneumonia', cues: ['pneumonia', 'hiv', 'cd4', 'bactrim', 'prophylaxis', 'jirovecii', 'aids', 'opportunistic', 'tmp-smx', 'atovaquone', 'dapsone', 'pentamidine'] },
  ] },
  { key: 'ARF', senses: [
    { expansion: 'acute renal failure', cues: ['creatinine', 'cr', 'kidney', 'urine', 'dialysis', 'bun', 'gfr', 'nephrology', 'renal', 'oliguria', 'oliguric', 'hydration', 'ivf', 'prerenal', 'atn', 'nephrotoxic'] },
    { expansion: 'acute respiratory failure', cues: ['intubated', 'intubation', 'hypoxia', 'hypoxic', 'hypoxemic', 'hypercapnic', 'ventilator', 'ventilation', 'o2', 'oxygen', 'bipap', 'pco2', 'abg', 'respiratory', 'mechanical', 'vent'] },
  ] },
  { key: 'BM', senses: [
    { expansion: 'bowel movement', cues: ['last', 'stool', 'constipation', 'diarrhea', 'having', 'normal', 'daily', 'had', 'no', 'loose', 'bloody', 'flatus', 'passing'] },
    { expansion: 'bone marrow', cues: ['biopsy', 'aspirate', 'transplant', 'blasts', 'cellularity', 'leukemia', 'lymphoma', 'myeloma', 'bmt', 'involvement'] },
  ] },
  { key: 'DC', senses: [
    { expansion: 'discharge', cues: ['home', 'planning', 'summary', 'date', 'instructions', 'dispo', 'disposition', 'tomorrow', 'today', 'ready', 'after'] },
    { expansion: 'discontinue', cues: ['medication', 'mg', 'meds', 'stop', 'drug', 'foley', 'line', 'antibiotic', 'antibiotics', 'iv', 'catheter', 'drip', 'infusion'] },
  ] },
  { key: 'ER', senses: [
    { expansion: 'emergency room', cues: ['presented', 'presents', 'came', 'visit', 'sent', 'brought', 'to', 'the', 'in', 'went', 'seen', 'from', 'return'] },
    { expansion: 'estrogen receptor', cues: ['pr', 'her2', 'breast', 'positive', 'negative', 'receptor', 'ductal', 'lobular', 'carcinoma', 'tamoxifen', 'letrozole', 'anastrozole'] },
    { expansion: 'extended release', cues: ['mg', 'tablet', 'tab', 'capsule', 'daily', 'po', 'xl', 'sr'], roles: ['medications'] },
  ] },
  { key: 'PR', senses: [
    { expansion: 'per rectum', cues: ['suppository', 'mg', 'acetaminophen', 'given', 'dose', 'rectal'] },
    { expansion: 'progesterone receptor', cues: ['er', 'her2', 'breast', 'positive', 'negative', 'receptor', 'carcinoma'] },
    { expansion: 'PR interval', cues: ['interval', 'ekg', 'ecg', 'ms', 'prolonged', 'qrs', 'qtc', 'block', 'degree'] },
  ] },
  { key: 'LAD', senses: [
    { expansion: 'left anterior descending artery', cues: ['stent', 'stenosis', 'occlusion', 'occluded', 'cath', 'catheterization', 'pci', 'coronary', 'artery', 'rca', 'lcx', 'graft', 'lima', 'proximal', 'mid', 'distal', 'disease'] },
    { expansion: 'left axis deviation', cues: ['ekg', 'ecg', 'axis', 'rbbb', 'lbbb', 'fascicular', 'sinus', 'rhythm'] },
    { expansion: 'lymphadenopathy', cues: ['cervical', 'axillary', 'inguinal', 'supraclavicular', 'no', 'palpable', 'tender', 'mediastinal', 'hilar', 'neck', 'nodes'] },
  ] },
  { key: 'UA', senses: [
    { expansion: 'urinalysis', cues: ['positive', 'negative', 'leukocyte', 'esterase', 'nitrite', 'nitrites', 'wbc', 'rbc', 'bacteria', 'culture', 'urine', 'uti', 'dipstick', 'pyuria', 'sent', 'shows', 'showed', 'with', 'ucx'] },
    { expansion: 'unstable angina', cues: ['troponin', 'acs', 'nstemi', 'chest', 'pain', 'cath', 'heparin', 'cardiology', 'angina', 'ischemia', 'rest'] },
  ] },
  { key: 'ROM', senses: [
    { expansion: 'range of motion', cues: ['full', 'limited', 'decreased', 'active', 'passive', 'painful', 'joint', 'shoulder', 'knee', 'hip', 'neck', 'with', 'flexion', 'extension'] },
    { expansion: 'rupture of membranes', cues: ['spontaneous', 'srom', 'fluid', 'clear', 'labor', 'hours', 'prolonged', 'premature', 'weeks', 'gestation', 'delivery'] },
  ] },
  { key: 'SBP', senses: [
    { expansion: 'systolic blood pressure', cues: ['mmhg', 'goal', 'less', 'greater', 'bp', 'dbp', 'target', 'above', 'below', 'elevated', 'in', 'map', '<', '>'] },
    { expansion: 'spontaneous bacterial peritonitis', cues: ['paracentesis', 'ascites', 'cirrhosis', 'pmn', 'prophylaxis', 'ceftriaxone', 'cipro', 'ciprofloxacin', 'peritoneal', 'hepatology', 'liver'] },
  ] },
  { key: 'HD', senses: [
    { expansion: 'hemodialysis', cues: ['dialysis', 'esrd', 'fistula', 'access', 'mwf', 'tths', 'session', 'nephrology', 'catheter', 'permcath', 'tunneled', 'on', 'sessions', 'schedule'] },
    { expansion: 'hospital day', cues: ['#', 'day', 'number', 'no'] },
    { expansion: 'Huntington disease', cues: ['chorea', 'huntington', 'cag', 'repeats', 'genetic'] },
  ] },
  { key: 'IVF', senses: [
    { expansion: 'intravenous fluids', cues: ['bolus', 'ns', 'lr', 'ml', 'hr', 'maintenance', 'rate', 'liter', 'liters', 'l', 'given', 'hydration', 'started', 'continue', 'dehydration'] },
    { expansion: 'in vitro fertilization', cues: ['pregnancy', 'infertility', 'embryo', 'transfer', 'conceived', 'fertility', 'ivf pregnancy', 'reproductive'] },
  ] },
  { key: 'LOC', senses: [
    { expansion: 'loss of consciousness', cues: ['no', 'denies', 'without', 'fall', 'syncope', 'head', 'hit', 'brief', 'struck', 'trauma', 'with', 'episode', 'seizure', 'witnessed'] },
    { expansion: 'level of consciousness', cues: ['decreased', 'altered', 'depressed', 'gcs', 'fluctuating', 'impaired'] },
  ] },
  { key: 'OD', senses: [
    { expansion: 'overdose', cues: ['ingestion', 'intentional', 'accidental', 'toxic', 'suicide', 'suicidal', 'tylenol', 'acetaminophen', 'opioid', 'heroin', 'naloxone', 'narcan', 'poison', 'unresponsive'] },
    { expansion: 'right eye', cues: ['eye', 'drops', 'drop', 'ophthalmic', 'os', 'ou', 'visual', 'iop', 'acuity', 'vision', 'gtt', 'cataract'] },
    { expansion: 'once daily', cues: ['mg', 'tablet', 'dose', 'po', 'tab', 'capsule', 'take'] },
  ] },
  { key: 'HS', senses: [
    { expansion: 'at bedtime', cues: ['mg', 'tablet', 'po', 'take', 'nightly', 'dose', 'qhs'] },
    { expansion: 'heart sounds', cues: ['normal', 's1', 's2', 'distant', 'muffled', 'regular', 'murmur'] },
    { expansion: 'hidradenitis suppurativa', cues: ['axillary', 'groin', 'abscess', 'abscesses', 'draining', 'sinus', 'tracts', 'nodules', 'adalimumab', 'hurley'] },
  ] },
  { key: 'MI', senses: [
    { expansion: 'myocardial infarction', cues: ['history', 'h/o', 'prior', 'stent', 'cath', 'troponin', 'nstemi', 'stemi', 'acute', 'old', 'cabg', 'cad', 'rule', 'r/o', 'chest', 'pain', 'inferior', 'anterior', 'lateral', 'infarct', 'ischemia'] },
    { expansion: 'mitral insufficiency', cues: ['valve', 'mitral', 'murmur', 'echo', 'regurgitation', 'holosystolic', 'insufficiency'] },
  ] },
  { key: 'BS', senses: [
    { expansion: 'bowel sounds', cues: ['abd', 'abdomen', 'active', 'hypoactive', 'hyperactive', 'present', 'soft', 'nontender', 'normoactive', 'absent', 'quadrants', 'tympanic', 'distended', '+'] },
    { expansion: 'blood sugar', cues: ['glucose', 'mg/dl', 'insulin', 'fingerstick', 'fsbs', 'diabetic', 'diabetes', 'checks', 'readings', 'fasting', 'high', 'low', 'elevated', 'hypoglycemia', 'hyperglycemia', 'sugars', 'log'] },
    { expansion: 'breath sounds', cues: ['lungs', 'lung', 'clear', 'decreased', 'diminished', 'bilaterally', 'auscultation', 'coarse', 'wheezes', 'wheezing', 'bases', 'crackles', 'rales', 'equal'] },
  ] },
  { key: 'PID', senses: [
    { expansion: 'pelvic inflammatory disease', cues: ['pelvic', 'cervical', 'motion', 'tenderness', 'chlamydia', 'gonorrhea', 'std', 'sti', 'adnexal', 'tubo-ovarian', 'discharge', 'ceftriaxone', 'doxycycline'] },
    { expansion: 'primary immunodeficiency', cues: ['immunoglobulin', 'ivig', 'igg', 'infections', 'recurrent', 'immunology', 'cvid'] },
  ] },
  { key: 'CF', senses: [
    { expansion: 'cystic fibrosis', cues: ['pancreatic', 'sweat', 'cftr', 'pseudomonas', 'bronchiectasis', 'enzymes', 'pulmonary', 'exacerbation', 'chloride'] },
    { expansion: 'cardiac failure', cues: ['ejection', 'ef', 'diuresis', 'lasix', 'furosemide', 'edema', 'bnp'] },
  ] },
  { key: 'RT', senses: [
    { expansion: 'radiation therapy', cues: ['chemo', 'chemotherapy', 'gy', 'fractions', 'oncology', 'tumor', 'completed', 'cancer', 'adjuvant', 'xrt'] },
    { expansion: 'respiratory therapy', cues: ['nebulizer', 'nebs', 'treatments', 'inhaler', 'bipap', 'cpap', 'suction', 'vent', 'ventilator'] },
    { expansion: 'right', cues: ['knee', 'hip', 'shoulder', 'leg', 'arm', 'side', 'foot', 'hand', 'ankle', 'lower', 'upper', 'eye', 'ear'] },
  ] },
  { key: 'LMP', senses: [
    { expansion: 'last menstrual period', cues: ['weeks', 'days', 'ago', 'pregnant', 'pregnancy', 'hcg', 'menses', 'regular', 'irregular', 'date', 'was', 'on'] },
    { expansion: 'low malignant potential', cues: ['tumor', 'ovarian', 'borderline', 'serous', 'mucinous', 'neoplasm'] },
  ] },
  { key: 'DOA', senses: [
    { expansion: 'dead on arrival', cues: ['ems', 'pronounced', 'arrest', 'death', 'deceased', 'resuscitation'] },
    { expansion: 'date of admission', cues: ['date', 'admitted', 'admission', 'discharge', 'dod'] },
  ] },
  { key: 'SI', senses: [
    { expansion: 'suicidal ideation', cues: ['hi', 'denies', 'no', 'plan', 'intent', 'psych', 'psychiatry', 'depression', 'depressed', 'thoughts', 'passive', 'active', 'safety', 'ah/vh', 'avh'] },
    { expansion: 'sacroiliac', cues: ['joint', 'joints', 'injection', 'back', 'pain', 'tenderness', 'dysfunction', 'sacroiliitis'] },
  ] },
  { key: 'DI', senses: [
    { expansion: 'diabetes insipidus', cues: ['polyuria', 'sodium', 'na', 'hypernatremia', 'ddavp', 'desmopressin', 'central', 'nephrogenic', 'urine', 'osmolality'] },
    { expansion: 'drug interaction', cues: ['interaction', 'interactions', 'medication', 'pharmacy', 'checked'] },
  ] },
  { key: 'MG', senses: [
    { expansion: 'myasthenia gravis', cues: ['ptosis', 'diplopia', 'weakness', 'pyridostigmine', 'mestinon', 'acetylcholine', 'thymectomy', 'crisis', 'achr', 'neurology'] },
    { expansion: 'magnesium', cues: ['level', 'k', 'phos', 'repleted', 'replete', 'replacement', 'low', 'oxide', 'sulfate', 'iv', 'mg/dl', 'electrolytes'] },
  ] },
  { key: 'CM', senses: [
    { expansion: 'cardiomyopathy', cues: ['ischemic', 'dilated', 'hypertrophic', 'ef', 'ejection', 'heart', 'failure', 'nonischemic', 'takotsubo'] },
    { expansion: 'centimeter', cues: ['x', 'measuring', 'measures', 'size', 'lesion', 'mass', 'nodule', 'wound', 'laceration'] },
  ] },
  { key: 'AR', senses: [
    { expansion: 'aortic regurgitation', cues: ['valve', 'aortic', 'murmur', 'echo', 'diastolic', 'severe', 'moderate', 'mild', 'trace', 'mr', 'tr', 'as'] },
    { expansion: 'allergic rhinitis', cues: ['allergies', 'seasonal', 'nasal', 'sneezing', 'congestion', 'loratadine', 'cetirizine', 'fluticasone', 'flonase', 'pollen'] },
  ] },
  { key: 'TR', senses: [
    { expansion: 'tricuspid regurgitation', cues: ['valve', 'tricuspid', 'murmur', 'echo', 'severe', 'moderate', 'mild', 'trace', 'mr', 'rvsp', 'pulmonary'] },
    { expansion: 'trace', cues: ['edema', 'pedal', 'bilateral', 'lower', 'ankle', 'protein', 'blood'] },
  ] },
  { key: 'GC', senses: [
    { expansion: 'gonorrhea (gonococcus)', cues: ['chlamydia', 'ct', 'std', 'sti', 'swab', 'nucleic', 'naat', 'urethral', 'cervical', 'discharge'] },
    { expansion: 'glucocorticoid', cues: ['steroid', 'steroids', 'prednisone', 'dexamethasone', 'dose', 'taper', 'adrenal'] },
  ] },
];
